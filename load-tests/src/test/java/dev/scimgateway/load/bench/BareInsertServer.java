package dev.scimgateway.load.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The baseline for {@code POST /Users}: the least a reactive server must do for it — read the
 * body, drop the password, insert one row, answer 201 with the id — on Reactor Netty and R2DBC
 * like the gateway, with a pool of the same size, and nothing else (no auth, validation, SCIM
 * rendering, metrics). The gateway's ratio to it is the price of everything the gateway adds.
 */
final class BareInsertServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "bare";

    private final ConnectionPool pool;
    private final DisposableServer server;

    private BareInsertServer(ConnectionPool pool, DisposableServer server) {
        this.pool = pool;
        this.server = server;
    }

    static BareInsertServer start(String r2dbcUrl, int poolSize) {
        var factory = ConnectionFactories.get(ConnectionFactoryOptions.parse(r2dbcUrl).mutate()
                .option(ConnectionFactoryOptions.USER, "postgres").build());
        var pool = new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                .initialSize(poolSize).maxSize(poolSize).build());
        var bare = new BareInsertServer[1];
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/Users", (request, response) -> bare[0].insert(request, response)))
                .bindNow();
        bare[0] = new BareInsertServer(pool, server);
        return bare[0];
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    static String tenant() {
        return TENANT;
    }

    private Mono<Void> insert(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString()
                .map(BareInsertServer::parse)
                .flatMap(doc -> {
                    UUID id = UUID.randomUUID();
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    return Mono.usingWhen(pool.create(),
                            connection -> Mono.from(connection.createStatement(
                                            "INSERT INTO scim_user (tenant_id, id, user_name, external_id, display_name,"
                                                    + " active, doc, created_at, last_modified, version)"
                                                    + " VALUES ($1, $2, $3, $4, $5, true, $6, $7, $8, 1)")
                                    .bind(0, TENANT).bind(1, id)
                                    .bind(2, doc.path("userName").asText())
                                    .bind(3, doc.path("externalId").asText())
                                    .bind(4, doc.path("displayName").asText())
                                    .bind(5, Json.of(doc.toString()))
                                    .bind(6, now).bind(7, now)
                                    .execute())
                                    .flatMap(result -> Mono.from(result.getRowsUpdated())),
                            connection -> Mono.from(connection.close()))
                            .thenReturn(id);
                })
                .flatMap(id -> response.status(HttpResponseStatus.CREATED)
                        .header("Content-Type", "application/scim+json")
                        .sendString(Mono.just("{\"id\":\"" + id + "\"}")).then())
                .onErrorResume(e -> response.status(HttpResponseStatus.INTERNAL_SERVER_ERROR)
                        .sendString(Mono.just(String.valueOf(e.getMessage()))).then());
    }

    private static ObjectNode parse(String body) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(body);
            doc.remove("password");
            return doc;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        server.disposeNow();
        pool.dispose();
    }
}
