package dev.scimgateway.load.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the servers spent, read from {@code /proc}: the gateway's process, and PostgreSQL's
 * postmaster with its backends. On a machine whose cores are all busy, throughput follows CPU per
 * request, so this is what says why one way of sending a request is slower than another.
 */
final class ServerCpu {

    /** Clock ticks a process has run, in user and kernel mode. */
    record Ticks(long gateway, long postgres) {

        Ticks minus(Ticks earlier) {
            return new Ticks(gateway - earlier.gateway, postgres - earlier.postgres);
        }

        Ticks plus(Ticks other) {
            return new Ticks(gateway + other.gateway, postgres + other.postgres);
        }
    }

    /** The kernel's USER_HZ: 100 on every Linux architecture the harness runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final long gatewayPid;
    private final long postmasterPid;

    ServerCpu(long gatewayPid, long postmasterPid) {
        this.gatewayPid = gatewayPid;
        this.postmasterPid = postmasterPid;
    }

    /**
     * Backends come and go with the pools, so they are looked up at every sample; what those that
     * ended had spent (autovacuum workers, closed connections) the postmaster counts for them.
     */
    Ticks sample() {
        var postmaster = ProcessHandle.of(postmasterPid);
        long postgres = postmaster.map(p -> p.descendants().mapToLong(h -> ticks(h.pid(), false)).sum()
                + ticks(p.pid(), true)).orElse(0L);
        return new Ticks(ticks(gatewayPid, false), postgres);
    }

    static double millis(long ticks) {
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /**
     * utime and stime, the 14th and 15th fields of /proc/pid/stat (counted after the command's
     * closing parenthesis), and with {@code children} cutime and cstime, the 16th and 17th: what
     * the process's ended children spent.
     */
    private static long ticks(long pid, boolean children) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                    + (children ? Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : 0);
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process ended between the listing and the read
            return 0;
        }
    }
}
