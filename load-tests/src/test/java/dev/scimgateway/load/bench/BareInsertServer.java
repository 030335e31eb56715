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
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The baselines for {@code POST /Users}: the least a reactive server must do for it — read the
 * body, drop the password, insert the row, answer 201 with the id — on Reactor Netty and R2DBC
 * like the gateway, with a pool of the same size, and nothing else (no auth, validation, SCIM
 * rendering, metrics, activity log). The gateway's ratio to it is the price of everything the
 * gateway adds. One row per request ({@link #start}), or the floor of the gateway's own stack
 * ({@link #coalescing}): creates that arrive together share one multi-row INSERT through unnest
 * arrays, as the gateway's coalescer writes them (the same window, batch size and statements in
 * flight), so only the SCIM logic is missing.
 */
final class BareInsertServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "bare";
    private static final String INSERT_ONE = "INSERT INTO scim_user (tenant_id, id, user_name, external_id, display_name,"
            + " active, doc, created_at, last_modified, version) VALUES ($1, $2, $3, $4, $5, true, $6, $7, $8, 1)";
    private static final String INSERT_MANY = "INSERT INTO scim_user (tenant_id, id, user_name, external_id,"
            + " display_name, active, doc, created_at, last_modified, version)"
            + " SELECT $1, i, u, e, d, true, doc::jsonb, $5, $5, 1 FROM unnest($2::uuid[], $3::text[], $4::text[],"
            + " $6::text[], $7::text[]) AS x(i, u, e, d, doc)";
    /** The gateway's defaults: a 2 ms window, at most 200 rows per statement, 4 statements in flight. */
    private static final Duration WINDOW = Duration.ofMillis(2);
    private static final int MAX_BATCH = 200;
    private static final int STATEMENTS = 4;

    private final ConnectionPool pool;
    private final DisposableServer server;
    /** Null for one row per request. */
    private final FluxSink<Pending> coalescer;
    private final Disposable writes;

    /** One create waiting for its batch, and who waits for its id. */
    private record Pending(ObjectNode doc, UUID id, MonoSink<UUID> answer) {}

    private BareInsertServer(ConnectionPool pool, DisposableServer server, FluxSink<Pending> coalescer,
            Disposable writes) {
        this.pool = pool;
        this.server = server;
        this.coalescer = coalescer;
        this.writes = writes;
    }

    static BareInsertServer start(String r2dbcUrl, int poolSize) {
        return start(r2dbcUrl, poolSize, false);
    }

    static BareInsertServer coalescing(String r2dbcUrl, int poolSize) {
        return start(r2dbcUrl, poolSize, true);
    }

    private static BareInsertServer start(String r2dbcUrl, int poolSize, boolean coalesce) {
        var factory = ConnectionFactories.get(ConnectionFactoryOptions.parse(r2dbcUrl).mutate()
                .option(ConnectionFactoryOptions.USER, "postgres").build());
        var pool = new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                .initialSize(poolSize).maxSize(poolSize).build());
        var bare = new BareInsertServer[1];
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/Users", (request, response) -> bare[0].insert(request, response)))
                .bindNow();
        var sink = new AtomicReference<FluxSink<Pending>>();
        Disposable writes = coalesce
                ? Flux.<Pending>create(sink::set, FluxSink.OverflowStrategy.BUFFER)
                        .bufferTimeout(MAX_BATCH, WINDOW, true)
                        .flatMap(batch -> insertMany(pool, batch), STATEMENTS, 1)
                        .subscribe()
                : () -> {};
        bare[0] = new BareInsertServer(pool, server, sink.get(), writes);
        return bare[0];
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    static String tenant() {
        return TENANT;
    }

    private Mono<Void> insert(HttpServerRequest request, HttpServerResponse response) {
        FluxSink<Pending> batches = coalescer;
        return request.receive().aggregate().asString()
                .map(BareInsertServer::parse)
                .flatMap(doc -> batches == null ? insertOne(doc)
                        : Mono.<UUID>create(answer -> batches.next(new Pending(doc, UUID.randomUUID(), answer))))
                .flatMap(id -> response.status(HttpResponseStatus.CREATED)
                        .header("Content-Type", "application/scim+json")
                        .sendString(Mono.just("{\"id\":\"" + id + "\"}")).then())
                .onErrorResume(e -> response.status(HttpResponseStatus.INTERNAL_SERVER_ERROR)
                        .sendString(Mono.just(String.valueOf(e.getMessage()))).then());
    }

    private static Mono<Void> insertMany(ConnectionPool pool, List<Pending> batch) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Mono.usingWhen(pool.create(),
                        connection -> Mono.from(connection.createStatement(INSERT_MANY)
                                        .bind(0, TENANT)
                                        .bind(1, batch.stream().map(Pending::id).toArray(UUID[]::new))
                                        .bind(2, column(batch, "userName"))
                                        .bind(3, column(batch, "externalId"))
                                        .bind(4, now)
                                        .bind(5, column(batch, "displayName"))
                                        .bind(6, batch.stream().map(p -> p.doc().toString()).toArray(String[]::new))
                                        .execute())
                                .flatMap(result -> Mono.from(result.getRowsUpdated())),
                        connection -> Mono.from(connection.close()))
                .doOnSuccess(rows -> batch.forEach(p -> p.answer().success(p.id())))
                .doOnError(e -> batch.forEach(p -> p.answer().error(e)))
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    private static String[] column(List<Pending> batch, String attribute) {
        return batch.stream().map(p -> p.doc().path(attribute).asText()).toArray(String[]::new);
    }

    private Mono<UUID> insertOne(ObjectNode doc) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Mono.usingWhen(pool.create(),
                connection -> Mono.from(connection.createStatement(INSERT_ONE)
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
        writes.dispose();
        server.disposeNow();
        pool.dispose();
    }
}
