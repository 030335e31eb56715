package dev.scimgateway.load.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Gives the load generator (this JVM) half the machine's cores and the servers (gateway and
 * PostgreSQL) the other half, with {@code taskset}, and gives every core back on close. Sending
 * at twice the servers' maximum costs the generator about twice the CPU it took to find that
 * maximum; on shared cores that CPU comes out of the servers' share, and the case would measure
 * the generator rather than the gateway.
 */
final class CpuSplit implements AutoCloseable {

    private final List<Long> generator;
    private final ProcessHandle postgres;
    private final long gateway;
    /** Counted before the split: once pinned, this JVM sees only its own share. */
    private final int cores;

    private CpuSplit(List<Long> generator, long gateway, ProcessHandle postgres, int cores) {
        this.generator = generator;
        this.gateway = gateway;
        this.postgres = postgres;
        this.cores = cores;
    }

    /** The split, or empty on a single core or where taskset is missing (the case then runs on shared cores). */
    static Optional<CpuSplit> apply(long gatewayPid, long postmasterPid) {
        int cores = Runtime.getRuntime().availableProcessors();
        var postgres = ProcessHandle.of(postmasterPid);
        if (cores < 2 || postgres.isEmpty()) {
            return Optional.empty();
        }
        var split = new CpuSplit(List.of(ProcessHandle.current().pid()), gatewayPid, postgres.get(), cores);
        try {
            split.pin(split.generator, "0-" + (cores / 2 - 1));
            split.pin(split.servers(), cores / 2 + "-" + (cores - 1));
            return Optional.of(split);
        } catch (IOException e) {
            split.close();
            return Optional.empty();
        }
    }

    /** Which cores go to whom, for the report. */
    String describe() {
        return String.format("load generator on %d of %d cores, gateway and PostgreSQL on the other %d (taskset)",
                cores / 2, cores, cores - cores / 2);
    }

    /** The postmaster's backends are forked at connection time, so they are looked up each time. */
    private List<Long> servers() {
        List<Long> pids = new ArrayList<>();
        pids.add(gateway);
        Stream.concat(Stream.of(postgres), postgres.descendants()).forEach(p -> pids.add(p.pid()));
        return pids;
    }

    private void pin(List<Long> pids, String cpus) throws IOException {
        for (long pid : pids) {
            try {
                // -a: every thread of the process, not only its main one.
                int exit = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, String.valueOf(pid))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                if (exit != 0 && ProcessHandle.of(pid).isPresent()) {
                    throw new IOException("taskset exited with " + exit + " for pid " + pid);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    /** Best effort: the overload case is the last one, so cores not given back cost no later case. */
    @Override
    public void close() {
        try {
            String all = "0-" + (cores - 1);
            pin(generator, all);
            pin(servers(), all);
        } catch (IOException e) {
            System.err.println("[bench] could not give every core back: " + e.getMessage());
        }
    }
}
