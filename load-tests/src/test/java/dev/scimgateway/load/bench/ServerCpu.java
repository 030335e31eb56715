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

    /**
     * Clock ticks the servers have run, in user and kernel mode.
     *
     * @param compiler the part of {@code gateway} its JIT compiler threads ran: a cost of a young
     *     process, which a gateway that has served for a while no longer pays
     */
    record Ticks(long gateway, long compiler, long postgres) {

        static final Ticks NONE = new Ticks(0, 0, 0);

        Ticks minus(Ticks earlier) {
            return new Ticks(gateway - earlier.gateway, compiler - earlier.compiler, postgres - earlier.postgres);
        }

        Ticks plus(Ticks other) {
            return new Ticks(gateway + other.gateway, compiler + other.compiler, postgres + other.postgres);
        }

        /** The compiler's share of the gateway's ticks. */
        double compilerShare() {
            return gateway == 0 ? 0 : (double) compiler / gateway;
        }

        /** Per unit of work: the gateway's CPU (its compiler's within it) and PostgreSQL's, in ms. */
        String per(long units) {
            return units == 0 ? "none" : String.format("%.3f (JIT compiler %.3f) + %.3f ms", millis(gateway) / units,
                    millis(compiler) / units, millis(postgres) / units);
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
        return new Ticks(ticks(gatewayPid, false), compilerTicks(gatewayPid), postgres);
    }

    /**
     * HotSpot's compiler threads are named {@code C1 CompilerThread<n>} and {@code C2 CompilerThread<n>};
     * the kernel keeps the first 15 characters of a thread's name.
     */
    private static long compilerTicks(long pid) {
        try (var threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return threads.filter(ServerCpu::isCompiler).mapToLong(task -> ticks(task.resolve("stat"), false)).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean isCompiler(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip().matches("C[12] CompilerThre.*");
        } catch (IOException e) {
            return false;
        }
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
        return ticks(Path.of("/proc", String.valueOf(pid), "stat"), children);
    }

    private static long ticks(Path statFile, boolean children) {
        try {
            String stat = Files.readString(statFile);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                    + (children ? Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : 0);
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process ended between the listing and the read
            return 0;
        }
    }
}
