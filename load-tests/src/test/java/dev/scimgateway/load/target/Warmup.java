package dev.scimgateway.load.target;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Read-only requests sent before the measured run, outside Gatling's statistics: a gateway that
 * was started a moment ago answers its first few hundred requests with a cold JIT, and the smoke
 * run's p99 bound would then measure the JIT instead of the gateway. Reads only, so the tenant
 * stays empty for the simulation.
 */
final class Warmup {

    private Warmup() {}

    static void run(GatewayTarget target, int requests) {
        if (requests <= 0) {
            return;
        }
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // Sixteen at a time: enough to warm the pool and the JIT without a burst of connections.
        for (int from = 0; from < requests; from += 16) {
            var batch = IntStream.range(from, Math.min(requests, from + 16))
                    .mapToObj(i -> http.sendAsync(request(target, i), HttpResponse.BodyHandlers.discarding()))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(batch).exceptionally(e -> null).join();
        }
    }

    private static HttpRequest request(GatewayTarget target, int i) {
        String filter = URLEncoder.encode("userName eq \"warmup-" + i + "@load.example\"", StandardCharsets.UTF_8)
                .replace("+", "%20");
        String path = i % 2 == 0 ? "/Users?filter=" + filter + "&startIndex=1&count=100" : "/Groups?startIndex=1&count=100";
        return HttpRequest.newBuilder(URI.create(target.scimBaseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + target.token())
                .header("Accept", "application/scim+json")
                .build();
    }
}
