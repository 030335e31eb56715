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
 * An {@link OwnGateway} in a child JVM, from the test classpath: what only a real signal shows
 * needs one (SIGTERM runs the JVM's shutdown hooks; SIGKILL leaves behind whatever the gateway
 * started). Its output goes to a file, read for the port it serves on and quoted when a test fails.
 * Tests that use one are tagged {@code own-gateway} too, so that they do not run beside the shared
 * gateway of the other tests.
 */
public final class OwnGatewayProcess implements AutoCloseable {

    public static final String ADMIN_TOKEN = "process-admin-" + UUID.randomUUID();
    /**
     * Logged once the application is ready, not when the port is bound (the last beans may still
     * fail then), and naming the service port rather than the management port, which Netty logs too.
     */
    private static final Pattern READY_ON = Pattern.compile("SCIM base URL: http://localhost:(\\d+)/");

    private final Process process;
    private final Path dataDir;
    private final Path log;

    private OwnGatewayProcess(Process process, Path dataDir, Path log) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
    }

    /**
     * Starts a gateway on {@code dataDir} with the admin token {@link #ADMIN_TOKEN}, a random port
     * and the given {@code --name=value} arguments; its output goes to {@code log}.
     */
    public static OwnGatewayProcess launch(Path dataDir, Path log, String... arguments) throws IOException {
        return launch(dataDir, log, List.of(), arguments);
    }

    /** As {@link #launch(Path, Path, String...)}, with options for its JVM, such as system properties. */
    public static OwnGatewayProcess launch(Path dataDir, Path log, List<String> jvmOptions, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                ScimGatewayApplication.class.getName(), "--server.port=0",
                "--scim-gateway.data-dir=" + dataDir.toAbsolutePath(), "--scim-gateway.admin-token=" + ADMIN_TOKEN));
        command.addAll(List.of(arguments));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new OwnGatewayProcess(process, dataDir, log);
    }

    /** The port it serves on, once it has said so; fails with its log if it exits or takes longer than {@code limit}. */
    public int awaitPort(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher ready = READY_ON.matcher(log());
            if (ready.find()) {
                return Integer.parseInt(ready.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The gateway did not start within " + limit + ":\n" + log());
    }

    /** A client of the started gateway; see {@link TestClients#patient}. */
    public WebTestClient http() throws IOException, InterruptedException {
        return TestClients.patient(awaitPort(Duration.ofSeconds(180)));
    }

    /** Creates a tenant and returns a token for it, as {@link OwnGateway#newTenantToken} does. */
    public String newTenantToken(String tenantId) throws IOException, InterruptedException {
        return OwnGateway.tenantToken(http(), ADMIN_TOKEN, tenantId);
    }

    public Process process() {
        return process;
    }

    public Path dataDir() {
        return dataDir;
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
