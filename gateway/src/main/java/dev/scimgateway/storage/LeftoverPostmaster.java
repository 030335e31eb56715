package dev.scimgateway.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway killed with SIGKILL leaves its PostgreSQL running on the data directory, and a new
 * server cannot start there while it does. Called only while holding the directory's
 * {@link DataDirectoryLock}, so that no live gateway owns such a server: it is found through the
 * cluster's postmaster.pid, confirmed to be a PostgreSQL server of this very directory by its own
 * command line, and stopped with SIGTERM, PostgreSQL's smart shutdown, which has nothing to wait
 * for once the clients of a dead gateway are gone.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private LeftoverPostmaster() {}

    static void stopIfAny(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        Optional<ProcessHandle> named = pid(pidFile).flatMap(ProcessHandle::of)
                .filter(process -> process.pid() != ProcessHandle.current().pid());
        if (named.isEmpty()) {
            return; // no server, or a stale file naming a process that is gone: PostgreSQL itself copes
        }
        ProcessHandle process = named.get();
        if (!servesDirectory(process, pgData)) {
            throw new IllegalStateException(pidFile + " names process " + process.pid() + ", which is not a PostgreSQL"
                    + " server of this directory, so it is left alone; if no PostgreSQL runs on " + pgData
                    + ", delete that file and start again");
        }
        log.warn("Stopping the PostgreSQL server (pid {}) that a gateway which did not shut down left running on {}",
                process.pid(), pgData);
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("The PostgreSQL server (pid " + process.pid() + ") left running on " + pgData
                    + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s of SIGTERM; something is still connected"
                    + " to it. Stop it (pg_ctl stop -m fast -D " + pgData + ") and start again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the PostgreSQL server left on " + pgData, e);
        }
        log.info("Stopped the PostgreSQL server (pid {}) left running on {}", process.pid(), pgData);
    }

    /** The first line of postmaster.pid, which PostgreSQL keeps while it runs. */
    private static Optional<Long> pid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (NoSuchFileException | NumberFormatException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + pidFile, e);
        }
    }

    /** A postgres executable started with {@code -D <pgData>}, as the library starts it. */
    private static boolean servesDirectory(ProcessHandle process, Path pgData) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                .orElse(false);
        List<String> arguments = info.arguments().map(Arrays::asList).orElse(List.of());
        int directory = arguments.indexOf("-D") + 1;
        return postgres && directory > 0 && directory < arguments.size()
                && sameFile(Path.of(arguments.get(directory)), pgData);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
