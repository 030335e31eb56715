package dev.scimgateway.support;

import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Test clients that open a connection per request, as IdPs like Okta do ({@code Connection: close}):
 * tests then never depend on keep-alive reuse between a test client and a gateway in the same JVM,
 * which is what a gateway whose database is being cut off shuts down under it.
 * CI machines are small and shared: a slow first request is not a failure, a hung one is.
 */
public final class TestClients {

    private TestClients() {}

    public static WebTestClient patient(int port) {
        var client = HttpClient.create(ConnectionProvider.newConnection());
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(client))
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }
}
