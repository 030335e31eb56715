package dev.scimgateway.support;

import dev.scimgateway.ScimGatewayApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway run as a process of its own, from the test classpath: what only a real signal shows
 * needs one (SIGTERM runs the JVM's shutdown hooks; SIGKILL leaves behind whatever the gateway
 * started). Its output goes to a file, read for the port it bound and quoted when a test fails.
 */
public final class GatewayProcess implements AutoCloseable {

    public static final String ADMIN_TOKEN = "process-admin-" + UUID.randomUUID();
    private static final Pattern STARTED_ON = Pattern.compile("Netty started on port (\\d+)");
    /** The port is bound before the last beans start, and these may still fail. */
    private static final String STARTED = "Started ScimGatewayApplication";

    private final Process process;
    private final Path log;

    private GatewayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a gateway on {@code dataDir} with the admin token {@link #ADMIN_TOKEN}, a random port
     * and the given {@code --name=value} arguments; its output goes to {@code log}.
     */
    public static GatewayProcess launch(Path dataDir, Path log, String... arguments) throws IOException {
        return launch(dataDir, log, List.of(), arguments);
    }

    /** As {@link #launch(Path, Path, String...)}, with options for its JVM, such as system properties. */
    public static GatewayProcess launch(Path dataDir, Path log, List<String> jvmOptions, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                ScimGatewayApplication.class.getName(), "--server.port=0",
                "--scim-gateway.data-dir=" + dataDir.toAbsolutePath(), "--scim-gateway.admin-token=" + ADMIN_TOKEN));
        command.addAll(List.of(arguments));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new GatewayProcess(process, log);
    }

    /** The port it serves on, once it has said so; fails with its log if it exits or takes longer than {@code limit}. */
    public int awaitPort(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            String log = log();
            Matcher started = STARTED_ON.matcher(log);
            if (log.contains(STARTED) && started.find()) {
                return Integer.parseInt(started.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The gateway did not start within " + limit + ":\n" + log());
    }

    /** A client of the started gateway; see {@link TestClients#patient}. */
    public WebTestClient http() throws IOException, InterruptedException {
        return TestClients.patient(awaitPort(Duration.ofSeconds(180)));
    }

    public Process process() {
        return process;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Sends SIGTERM, as Kubernetes does, and waits for the process to end. */
    public boolean stopGracefully(Duration limit) throws InterruptedException {
        process.destroy();
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends SIGKILL: no shutdown hook runs, nothing the gateway started is stopped. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stopGracefully(Duration.ofSeconds(60))) {
            kill();
        }
    }
}
