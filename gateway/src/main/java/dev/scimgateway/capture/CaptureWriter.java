package dev.scimgateway.capture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends captured lines to {@code <dir>/<tenant>.ndjson}, one file per tenant, rotating to
 * {@code .1}, {@code .2}, … when a file reaches its size cap and keeping a bounded number of them.
 * File I/O blocks, so it happens on this writer's own thread; requests only hand over a line to a
 * bounded queue and never wait: when the queue is full the line is dropped and counted.
 */
final class CaptureWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CaptureWriter.class);

    record Line(String tenantId, String json) {}

    private final Path dir;
    private final long maxFileBytes;
    private final int maxFiles;
    private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(10_000);
    private final Map<String, OutputStream> open = new HashMap<>();
    private final Counter dropped;
    private final Thread thread;
    private volatile boolean running = true;

    CaptureWriter(Path dir, long maxFileBytes, int maxFiles, MeterRegistry meters) {
        this.dir = dir;
        this.maxFileBytes = maxFileBytes;
        this.maxFiles = maxFiles;
        this.dropped = Counter.builder("scim.capture.dropped")
                .description("Captured requests dropped because the capture writer fell behind").register(meters);
        this.thread = new Thread(this::drain, "scim-capture-writer");
        thread.setDaemon(true);
        thread.start();
    }

    void offer(Line line) {
        if (!queue.offer(line)) {
            dropped.increment();
        }
    }

    /** Waits until every line handed over so far is on disk; for tests and shutdown. */
    void flush() throws InterruptedException {
        while (!queue.isEmpty()) {
            Thread.sleep(10);
        }
        synchronized (open) {
            open.values().forEach(CaptureWriter::flushQuietly);
        }
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            try {
                Line line = queue.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    write(line);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("Writing captured traffic failed: {}", e.toString());
            }
        }
    }

    private void write(Line line) throws IOException {
        synchronized (open) {
            Path file = dir.resolve(line.tenantId() + ".ndjson");
            if (Files.exists(file) && Files.size(file) >= maxFileBytes) {
                rotate(file);
            }
            OutputStream out = open.get(line.tenantId());
            if (out == null) {
                Files.createDirectories(dir);
                out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                open.put(line.tenantId(), out);
            }
            out.write((line.json() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private void rotate(Path file) throws IOException {
        OutputStream out = open.remove(file.getFileName().toString().replace(".ndjson", ""));
        if (out != null) {
            out.close();
        }
        Files.deleteIfExists(Path.of(file + "." + (maxFiles - 1)));
        for (int i = maxFiles - 2; i >= 1; i--) {
            Path from = Path.of(file + "." + i);
            if (Files.exists(from)) {
                Files.move(from, Path.of(file + "." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (maxFiles > 1) {
            Files.move(file, Path.of(file + ".1"), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
    }

    private static void flushQuietly(OutputStream out) {
        try {
            out.flush();
        } catch (IOException e) {
            // A stream that cannot flush will report on its next write.
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        synchronized (open) {
            for (OutputStream out : open.values()) {
                try {
                    out.close();
                } catch (IOException e) {
                    log.debug("Closing a capture file failed: {}", e.toString());
                }
            }
            open.clear();
        }
    }
}
