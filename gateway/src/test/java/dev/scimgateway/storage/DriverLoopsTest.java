package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import io.netty.channel.EventLoopGroup;
import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * The driver's connections are served by the HTTP server's event loops: what follows a statement
 * runs there, with no hand-over to a second set of threads (see {@code Database.connectionPool}).
 */
class DriverLoopsTest extends GatewayTest {

    @Autowired
    private ConnectionPool pool;

    @Autowired
    private ReactorResourceFactory server;

    @Test
    void statementsAnswerOnTheHttpServersEventLoops() {
        Thread thread = Mono.usingWhen(pool.create(),
                        connection -> Flux.from(connection.createStatement("SELECT 1").execute())
                                .flatMap(result -> result.map((row, metadata) -> Thread.currentThread()))
                                .next(),
                        connection -> connection.close())
                .block(Duration.ofSeconds(10));
        EventLoopGroup serverLoops = server.getLoopResources().onServer(LoopResources.hasNativeSupport());
        assertThat(serverLoops).as(thread.getName()).anyMatch(loop -> loop.inEventLoop(thread));
    }
}
