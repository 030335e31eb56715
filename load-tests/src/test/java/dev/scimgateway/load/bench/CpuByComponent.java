package dev.scimgateway.load.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the gateway's CPU went while a JFR recording ran, by component: each execution sample
 * goes to the component of its topmost frame outside the JDK (time spent in a JDK method belongs
 * to whoever called it: a UUID or a String built for Jackson is JSON's). The reading, not the
 * flame graph, is what the report keeps.
 */
final class CpuByComponent {

    /** In order: the first component whose prefix a frame's class has takes the sample. */
    private static final List<Map.Entry<String, List<String>>> COMPONENTS = List.of(
            Map.entry("HTTP (Netty, Reactor Netty)", List.of("io.netty.", "reactor.netty.")),
            Map.entry("JSON (Jackson)", List.of("tools.jackson.", "com.fasterxml.jackson.")),
            Map.entry("Reactor plumbing", List.of("reactor.core.", "reactor.util.", "reactor.pool.")),
            Map.entry("SQL driver (R2DBC PostgreSQL)", List.of("io.r2dbc.")),
            Map.entry("Spring (WebFlux, R2DBC client)", List.of("org.springframework.")),
            Map.entry("metrics (Micrometer, Prometheus)", List.of("io.micrometer.", "io.prometheus.")),
            Map.entry("logging", List.of("ch.qos.logback.", "org.slf4j.")),
            Map.entry("Resilience4j", List.of("io.github.resilience4j.")),
            Map.entry("gateway: schema, validation, filter, patch", List.of("dev.scimgateway.scim.")),
            Map.entry("gateway: auth, limits, edge", List.of("dev.scimgateway.edge.", "dev.scimgateway.tenancy.",
                    "dev.scimgateway.ratelimit.", "dev.scimgateway.overload.", "com.nimbusds.")),
            Map.entry("gateway: storage (SQL, coalescing, rows)", List.of("dev.scimgateway.storage.")),
            Map.entry("gateway: the rest (resources, users, groups, search, events)", List.of("dev.scimgateway.")));
    private static final List<String> JDK = List.of("java.", "jdk.", "sun.", "javax.", "com.sun.");

    private CpuByComponent() {}

    /** "HTTP (…) 31 %, JSON (…) 12 %, …" over the recording's execution samples, largest first. */
    static String read(Path recording) throws IOException {
        Map<String, Integer> samples = new LinkedHashMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                samples.merge(component(event.getStackTrace().getFrames()), 1, Integer::sum);
                total++;
            }
        }
        int all = total;
        return samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> String.format("%s %.0f %%", e.getKey(), 100.0 * e.getValue() / all))
                .collect(Collectors.joining(", ", all + " samples: ", ""));
    }

    private static String component(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (JDK.stream().anyMatch(type::startsWith)) {
                continue;
            }
            return COMPONENTS.stream().filter(c -> c.getValue().stream().anyMatch(type::startsWith))
                    .map(Map.Entry::getKey).findFirst().orElse("other (" + type.substring(0, Math.max(0,
                            type.indexOf('.', type.indexOf('.') + 1))) + ")");
        }
        return "the JDK alone (threads, sockets, crypto)";
    }

    /** For a recording taken by hand: {@code java CpuByComponent.java post.jfr}. */
    public static void main(String[] args) throws IOException {
        for (String file : args) {
            System.out.println(file + ": " + read(Path.of(file)));
        }
    }
}
