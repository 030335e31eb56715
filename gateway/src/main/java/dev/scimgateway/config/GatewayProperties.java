package dev.scimgateway.config;

import dev.scimgateway.storage.Coalescing;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything an operator can set, bound from {@code scim-gateway.*} properties or the matching
 * {@code SCIM_GATEWAY_*} environment variables.
 *
 * @param dataDir where the embedded database, the generated admin token and the generated
 *     token-signing key live ({@code SCIM_GATEWAY_DATA_DIR})
 * @param adminToken bearer token of the admin API; generated into {@code <dataDir>/admin-token}
 *     when unset ({@code SCIM_GATEWAY_ADMIN_TOKEN})
 * @param tokenSigningKey base64 HMAC key (at least 32 bytes) that signs tenant tokens; every
 *     replica must share it; generated into {@code <dataDir>/token-signing-key} when unset
 *     ({@code SCIM_GATEWAY_TOKEN_SIGNING_KEY})
 * @param allowEmbeddedDatabase lets the embedded database start inside Kubernetes, for demos only
 *     ({@code SCIM_GATEWAY_ALLOW_EMBEDDED_DATABASE}); a pod's disk and lifetime cannot keep data safe
 * @param trustIncomingRequestIds answer and log the {@code X-Request-Id} a request brings instead of
 *     a new one ({@code SCIM_GATEWAY_TRUST_INCOMING_REQUEST_IDS}); only behind a proxy that sets it
 *     and drops the one clients send
 * @param publicBaseUrl the externally visible origin, e.g. {@code https://scim.example.com}, used
 *     in {@code meta.location}; when unset it is taken from the request
 * @param db the database
 * @param scim protocol limits
 * @param tokens token revocation and last-use tracking
 * @param metrics metric tagging
 * @param idempotency Idempotency-Key handling
 * @param rateLimits the default per-tenant budgets, for tenants without their own
 * @param overload protection of the database when it is slow or down
 * @param bulk limits of {@code /Bulk}
 * @param writes write coalescing
 * @param capture traffic capture for load testing
 * @param connections how long slow and idle clients may hold a connection, and how many may be open
 * @param logFormat {@code ecs} or {@code logstash}: one JSON object per log line, with the request's
 *     tenant, token id, request id and trace id as fields ({@code SCIM_GATEWAY_LOG_FORMAT}); unset:
 *     plain text. Logging starts before this record is bound, so application.yaml hands the value
 *     to Spring Boot's logging.structured.format.console; here it is checked and documented
 * @param tracing distributed tracing, off unless an OTLP endpoint is set
 * @param shutdown what a stopping gateway does with requests that still arrive
 * @param console the tenant admin console at {@code /console/}
 * @param events the RFC 9967 change feed over Shared Signals streams
 * @param activity the per-tenant activity log: its retention and the writer of refused requests
 * @param oauth the OAuth 2.0 authorization server for SCIM clients
 * @param federation JWTs from the tenants' own IdPs (trusted issuers): how their keys are fetched
 */
@Validated
@ConfigurationProperties("scim-gateway")
public record GatewayProperties(
        @DefaultValue("./data") @NotNull Path dataDir,
        @Nullable String adminToken,
        @Nullable String tokenSigningKey,
        @DefaultValue("false") boolean allowEmbeddedDatabase,
        @Nullable String publicBaseUrl,
        @DefaultValue("false") boolean trustIncomingRequestIds,
        @DefaultValue @Valid Db db,
        @DefaultValue @Valid Scim scim,
        @DefaultValue @Valid Tokens tokens,
        @DefaultValue @Valid Metrics metrics,
        @DefaultValue @Valid Idempotency idempotency,
        @DefaultValue @Valid RateLimits rateLimits,
        @DefaultValue @Valid Overload overload,
        @DefaultValue @Valid Bulk bulk,
        @DefaultValue @Valid Writes writes,
        @DefaultValue @Valid Capture capture,
        @DefaultValue @Valid Connections connections,
        @Nullable @Pattern(regexp = "ecs|logstash", message = "must be ecs or logstash (unset: plain text)")
                String logFormat,
        @DefaultValue @Valid Tracing tracing,
        @DefaultValue @Valid Shutdown shutdown,
        @DefaultValue @Valid Console console,
        @DefaultValue @Valid Events events,
        @DefaultValue @Valid Activity activity,
        @DefaultValue @Valid OAuth oauth,
        @DefaultValue @Valid Federation federation) {

    /**
     * A trusted issuer's keys (its JWKS) are fetched by each replica, cached, and fetched again when
     * a JWT names a key not among them, at most twice per {@code keysMinRefreshInterval}.
     *
     * @param keysCacheTtl how long fetched keys are used before they are fetched again
     *     ({@code SCIM_GATEWAY_FEDERATION_KEYS_CACHE_TTL})
     * @param keysMinRefreshInterval the interval in which one JWKS URL is fetched twice at most,
     *     whatever JWTs arrive ({@code SCIM_GATEWAY_FEDERATION_KEYS_MIN_REFRESH_INTERVAL})
     * @param keysOutageTolerance how long the keys fetched last still verify while the JWKS URL fails
     *     ({@code SCIM_GATEWAY_FEDERATION_KEYS_OUTAGE_TOLERANCE})
     * @param keysFetchTimeout connect and read timeout of one fetch
     *     ({@code SCIM_GATEWAY_FEDERATION_KEYS_FETCH_TIMEOUT})
     * @param allowLoopbackJwks lets a trust's {@code jwksUri} name this machine (localhost, 127.0.0.1,
     *     ::1), over plain http too ({@code SCIM_GATEWAY_FEDERATION_ALLOW_LOOPBACK_JWKS}); for
     *     development and tests only: a tenant admin could otherwise make the gateway call its own
     *     neighbours (server-side request forgery)
     */
    public record Federation(
            @DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration keysCacheTtl,
            @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration keysMinRefreshInterval,
            @DefaultValue("12h") @NotNull @DurationMin(seconds = 1) Duration keysOutageTolerance,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration keysFetchTimeout,
            @DefaultValue("false") boolean allowLoopbackJwks) {}


    /**
     * Access tokens are signed with the change feed's keys ({@code SCIM_GATEWAY_EVENTS_SIGNING_KEY})
     * and verified from memory; revoking a grant takes effect within {@code tokens.refreshInterval}.
     *
     * @param accessTokenLifetime how long an access token is valid
     *     ({@code SCIM_GATEWAY_OAUTH_ACCESS_TOKEN_LIFETIME}); the client then uses its refresh token
     *     or its client credentials again
     * @param codeLifetime how long an authorization code may wait for its exchange
     *     ({@code SCIM_GATEWAY_OAUTH_CODE_LIFETIME}); RFC 6749 recommends at most 10 minutes
     */
    public record OAuth(
            @DefaultValue("1h") @NotNull @DurationMin(minutes = 1) Duration accessTokenLifetime,
            @DefaultValue("1m") @NotNull @DurationMin(seconds = 5) Duration codeLifetime) {}

    /**
     * @param signingKey the EC P-256 private key, as a JWK (JSON), that signs the feed's SETs
     *     ({@code SCIM_GATEWAY_EVENTS_SIGNING_KEY}); generated into
     *     {@code <dataDir>/events-signing-key.jwk} when unset. Replicas that share a database must
     *     share it
     * @param previousPublicKeys public keys still published at the JWKS after a rotation, as a JWK
     *     set ({@code SCIM_GATEWAY_EVENTS_PREVIOUS_PUBLIC_KEYS}); the public part of
     *     {@code <dataDir>/events-signing-key.previous.jwk} is published too
     * @param longPollWait longest a poll with {@code returnImmediately: false} waits for a change
     *     ({@code SCIM_GATEWAY_EVENTS_LONG_POLL_WAIT}); kept below the request timeout
     * @param maxEvents most SETs one poll returns, whatever {@code maxEvents} asks
     *     ({@code SCIM_GATEWAY_EVENTS_MAX_EVENTS})
     * @param pushInterval how often each replica looks for push streams with SETs to send
     *     ({@code SCIM_GATEWAY_EVENTS_PUSH_INTERVAL})
     * @param pushBackoff the wait before a failed push is tried again, doubled with each failure in
     *     a row ({@code SCIM_GATEWAY_EVENTS_PUSH_BACKOFF}), at most {@code pushMaxBackoff}
     *     ({@code SCIM_GATEWAY_EVENTS_PUSH_MAX_BACKOFF})
     * @param pushPauseAfter failed pushes in a row that pause a stream
     *     ({@code SCIM_GATEWAY_EVENTS_PUSH_PAUSE_AFTER}); the receiver enables it again
     * @param pushTimeout longest wait for a receiver's answer to one SET
     *     ({@code SCIM_GATEWAY_EVENTS_PUSH_TIMEOUT})
     * @param lagInterval how often the streams' lag is read for {@code scim_events_feed_lag}
     *     ({@code SCIM_GATEWAY_EVENTS_LAG_INTERVAL})
     */
    public record Events(
            @Nullable String signingKey,
            @Nullable String previousPublicKeys,
            @DefaultValue("20s") @NotNull @DurationMin(seconds = 1) Duration longPollWait,
            @DefaultValue("1000") @Min(1) @Max(10000) int maxEvents,
            @DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration pushInterval,
            @DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration pushBackoff,
            @DefaultValue("5m") @NotNull @DurationMin(millis = 10) Duration pushMaxBackoff,
            @DefaultValue("10") @Min(1) int pushPauseAfter,
            @DefaultValue("10s") @NotNull @DurationMin(millis = 100) Duration pushTimeout,
            @DefaultValue("15s") @NotNull @DurationMin(millis = 100) Duration lagInterval) {}

    /**
     * @param retention rows older than this are deleted ({@code SCIM_GATEWAY_ACTIVITY_RETENTION})
     * @param cleanupInterval how often expired rows are deleted
     *     ({@code SCIM_GATEWAY_ACTIVITY_CLEANUP_INTERVAL})
     * @param cleanupBatch rows one DELETE removes at most; a run repeats it until nothing expired is left
     * @param refusalQueue refused requests waiting to be written, at most; past that they are left out
     *     of the log and counted, and their answer carries {@code Activity-Log: sampled-out}
     *     ({@code SCIM_GATEWAY_ACTIVITY_REFUSAL_QUEUE})
     * @param refusalBatch refused requests written by one INSERT, at most
     * @param refusalWindow how long a refused request waits for others to share its INSERT
     * @param defaultCount rows of a page of {@code GET /admin/v1/tenants/{id}/activity} without {@code count}
     * @param maxCount the largest {@code count} a page may ask for
     */
    public record Activity(
            @DefaultValue("30d") @NotNull @DurationMin(minutes = 1) Duration retention,
            @DefaultValue("10m") @NotNull @DurationMin(seconds = 1) Duration cleanupInterval,
            @DefaultValue("5000") @Min(1) @Max(100000) int cleanupBatch,
            @DefaultValue("10000") @Min(1) int refusalQueue,
            @DefaultValue("500") @Min(1) @Max(5000) int refusalBatch,
            @DefaultValue("20ms") @NotNull Duration refusalWindow,
            @DefaultValue("50") @Min(1) int defaultCount,
            @DefaultValue("1000") @Min(1) @Max(10000) int maxCount) {}

    /**
     * Sessions live in the database, so any replica serves them and a sign-out or a revoked admin
     * key ends them everywhere at once.
     *
     * @param enabled serve the console at {@code /console/} on the service port
     *     ({@code SCIM_GATEWAY_CONSOLE_ENABLED}); off: {@code /console} is 404
     * @param idleTimeout a session not used for this long ends ({@code SCIM_GATEWAY_CONSOLE_IDLE_TIMEOUT})
     * @param absoluteTimeout a session ends this long after its sign-in, used or not
     *     ({@code SCIM_GATEWAY_CONSOLE_ABSOLUTE_TIMEOUT})
     * @param signInFailures failed sign-ins one client address may make within {@code signInWindow};
     *     after that its sign-ins get 429 until the window has passed
     *     ({@code SCIM_GATEWAY_CONSOLE_SIGN_IN_FAILURES})
     * @param signInWindow the window of {@code signInFailures} ({@code SCIM_GATEWAY_CONSOLE_SIGN_IN_WINDOW})
     * @param ssoTimeout longest wait for one answer of a tenant's OpenID provider during a single
     *     sign-on: its metadata, its keys, its token endpoint, connecting included
     *     ({@code SCIM_GATEWAY_CONSOLE_SSO_TIMEOUT}); past it the sign-in page says the provider did not answer
     */
    public record Console(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("30m") @NotNull @DurationMin(seconds = 1) Duration idleTimeout,
            @DefaultValue("8h") @NotNull @DurationMin(seconds = 1) Duration absoluteTimeout,
            @DefaultValue("5") @Min(1) int signInFailures,
            @DefaultValue("1m") @NotNull @DurationMin(seconds = 1) Duration signInWindow,
            @DefaultValue("10s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 2) Duration ssoTimeout) {}

    /**
     * @param idleTimeout a connection that has no request in progress, and has sent no complete
     *     request head for this long, is closed ({@code SCIM_GATEWAY_CONNECTIONS_IDLE_TIMEOUT}).
     *     Longer than the 60 s that proxies and load balancers commonly keep an idle upstream
     *     connection, so that the proxy closes first and never sends a request on a connection the
     *     gateway is closing
     * @param requestHeadTimeout a request head not complete this long after its first byte
     *     arrived closes the connection ({@code SCIM_GATEWAY_CONNECTIONS_REQUEST_HEAD_TIMEOUT}):
     *     a client sends a head in one go, a slowloris trickles it
     * @param bodyReadTimeout longest silence while the gateway waits for more of a request body
     *     ({@code SCIM_GATEWAY_CONNECTIONS_BODY_READ_TIMEOUT}); then the connection is closed. Only
     *     silence counts, never the length of a body, so an NDJSON stream may last for hours, and
     *     time while the gateway itself is not reading (it reads a stream only as fast as it
     *     applies it) is not silence
     * @param maxConnections connections open at once; at the limit the gateway stops accepting
     *     and new ones wait in the operating system's accept queue until one closes
     *     ({@code SCIM_GATEWAY_CONNECTIONS_MAX_CONNECTIONS})
     */
    public record Connections(
            @DefaultValue("75s") @NotNull @DurationMin(seconds = 1) Duration idleTimeout,
            @DefaultValue("10s") @NotNull @DurationMin(seconds = 1) Duration requestHeadTimeout,
            @DefaultValue("60s") @NotNull @DurationMin(seconds = 1) Duration bodyReadTimeout,
            @DefaultValue("4096") @Min(1) int maxConnections) {}

    /**
     * Tracing is on when, and only when, an OTLP endpoint is set: with none, the gateway starts no
     * tracer (TracingSwitch), so tracing costs a request nothing. A request's W3C traceparent is
     * then continued, its trace id is in each of its log lines, and sampled spans are exported.
     *
     * @param otlpEndpoint OTLP/HTTP traces endpoint of a collector, e.g.
     *     {@code http://otel-collector:4318/v1/traces} ({@code SCIM_GATEWAY_TRACING_OTLP_ENDPOINT})
     * @param samplingProbability share of requests traced when the caller sent no sampling
     *     decision; a traceparent's decision is followed ({@code SCIM_GATEWAY_TRACING_SAMPLING_PROBABILITY})
     */
    public record Tracing(
            @Nullable URI otlpEndpoint,
            @DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("1.0") double samplingProbability) {}

    /**
     * @param url R2DBC URL of an external PostgreSQL ({@code SCIM_GATEWAY_DB_URL}); when unset an
     *     embedded PostgreSQL is started in {@code <dataDir>/postgres}
     * @param username its user ({@code SCIM_GATEWAY_DB_USERNAME})
     * @param password its password ({@code SCIM_GATEWAY_DB_PASSWORD})
     * @param poolMaxSize connections in the pool; the database is the bottleneck, so more is not faster
     * @param poolAcquireTimeout how long a request waits for a connection before it gets 503
     */
    public record Db(
            @Nullable String url,
            @Nullable String username,
            @Nullable String password,
            @DefaultValue("16") @Min(1) @Max(500) int poolMaxSize,
            @DefaultValue("3s") @NotNull Duration poolAcquireTimeout) {}

    /**
     * @param defaultCount page size when a list request gives no {@code count}
     * @param maxCount largest page a client may ask for; larger counts are clamped (RFC 7644 §3.4.2.4)
     * @param maxBodyBytes largest request body; larger ones get 413
     * @param cursorTimeout how long an RFC 9865 cursor stays valid
     */
    public record Scim(
            @DefaultValue("100") @Min(1) int defaultCount,
            @DefaultValue("1000") @Min(1) @Max(100000) int maxCount,
            @DefaultValue("1048576") @Min(1024) int maxBodyBytes,
            @DefaultValue("1h") @NotNull Duration cursorTimeout) {}

    /**
     * @param tenants tenants whose SCIM requests are written, pseudonymised, in the replay format of
     *     load-tests ({@code SCIM_GATEWAY_CAPTURE_TENANTS=acme,beta}); empty captures nothing
     * @param dir where the files go, one per tenant; {@code <dataDir>/capture} when unset
     * @param maxFileBytes size at which a file is rotated
     * @param maxFiles files kept per tenant, the current one included
     */
    public record Capture(
            @DefaultValue("") java.util.List<String> tenants,
            @Nullable Path dir,
            @DefaultValue("104857600") @Min(1024) long maxFileBytes,
            @DefaultValue("5") @Min(1) @Max(100) int maxFiles) {}

    /**
     * @param coalesceWindow how long a user create waits for others to share one multi-row INSERT
     *     ({@code SCIM_GATEWAY_WRITES_COALESCE_WINDOW}); it is the most latency coalescing adds
     * @param maxBatch most rows in one coalesced INSERT
     * @param coalesceByTenant one coalesced statement per tenant ({@code SCIM_GATEWAY_WRITES_COALESCE_BY_TENANT}):
     *     set it on Citus, where a statement with several tenants' rows spans shards
     */
    public record Writes(
            @DefaultValue("2ms") @NotNull Duration coalesceWindow,
            @DefaultValue("200") @Min(1) @Max(5000) int maxBatch,
            @DefaultValue("false") boolean coalesceByTenant) {

        public Coalescing coalescing() {
            return new Coalescing(coalesceWindow, maxBatch, coalesceByTenant);
        }
    }

    /**
     * @param maxOperations operations one BulkRequest may hold; more get 413
     *     ({@code SCIM_GATEWAY_BULK_MAX_OPERATIONS}); NDJSON streams have no limit
     * @param maxPayloadBytes largest BulkRequest body; larger ones get 413
     * @param concurrency operations of one bulk request or stream in hand at once; user creates run
     *     side by side up to this, everything else in order
     */
    public record Bulk(
            @DefaultValue("1000") @Min(1) int maxOperations,
            @DefaultValue("4194304") @Min(1024) int maxPayloadBytes,
            @DefaultValue("128") @Min(1) @Max(1000) int concurrency) {}

    /**
     * @param maxConcurrentRequests SCIM requests working at once per replica; more are answered
     *     503 at once ({@code SCIM_GATEWAY_OVERLOAD_MAX_CONCURRENT_REQUESTS})
     * @param maxConcurrentBulkRequests of those, /Bulk requests and NDJSON streams: one may hold a
     *     BulkRequest of {@code maxPayloadBytes} in memory, so these are counted apart
     *     ({@code SCIM_GATEWAY_OVERLOAD_MAX_CONCURRENT_BULK_REQUESTS})
     * @param requestTimeout longest a request may take before it is answered 503 (Okta gives up at 60 s)
     * @param breakerOpenDuration how long the breaker stays open before trial calls
     * @param slowCallThreshold a call slower than this counts as slow for the breaker
     */
    public record Overload(
            @DefaultValue("256") @Min(1) int maxConcurrentRequests,
            @DefaultValue("64") @Min(1) int maxConcurrentBulkRequests,
            @DefaultValue("25s") @NotNull Duration requestTimeout,
            @DefaultValue("5s") @NotNull Duration breakerOpenDuration,
            @DefaultValue("5s") @NotNull Duration slowCallThreshold) {}

    /**
     * @param readPerSecond sustained reads (GET, search) per second and tenant
     *     ({@code SCIM_GATEWAY_RATE_LIMITS_READ_PER_SECOND})
     * @param readBurst reads a tenant may save up
     * @param writePerSecond sustained writes (POST, PUT, PATCH, DELETE) per second and tenant
     * @param writeBurst writes a tenant may save up
     */
    public record RateLimits(
            @DefaultValue("500") @Min(1) double readPerSecond,
            @DefaultValue("1000") @Min(1) double readBurst,
            @DefaultValue("250") @Min(1) double writePerSecond,
            @DefaultValue("500") @Min(1) double writeBurst) {}

    /**
     * @param retention how long the first response to an Idempotency-Key is replayed
     *     ({@code SCIM_GATEWAY_IDEMPOTENCY_RETENTION})
     * @param lease how long an in-flight request holds its key before a crashed replica's claim
     *     is taken over
     * @param purgeInterval how often expired records are deleted
     */
    public record Idempotency(
            @DefaultValue("24h") @NotNull Duration retention,
            @DefaultValue("60s") @NotNull Duration lease,
            @DefaultValue("10m") @NotNull Duration purgeInterval) {}

    /**
     * @param maxTenantTags tenants that get their own metric tag; later ones are tagged
     *     {@code other}, which bounds the number of series per meter
     */
    public record Metrics(@DefaultValue("100") @Min(1) @Max(10000) int maxTenantTags) {}

    /**
     * @param refreshInterval how often each replica reloads changes made on other replicas: tokens,
     *     trusted issuers, and tenants' limits and extension schemas; a revocation or a new limit
     *     takes effect everywhere within this interval
     * @param lastUsedFlushInterval how often last-use times are written to the database
     */
    public record Tokens(
            @DefaultValue("500ms") @NotNull Duration refreshInterval,
            @DefaultValue("30s") @NotNull Duration lastUsedFlushInterval) {}

    /**
     * On SIGTERM the gateway keeps its socket open and answers every request that still arrives 503
     * (Retry-After, Connection: close), so that those a client sent just before the stop are
     * answered rather than reset; then it stops accepting and lets the requests in hand finish.
     *
     * @param quietPeriod it does so until no connection or request has arrived for this long
     *     ({@code SCIM_GATEWAY_SHUTDOWN_QUIET_PERIOD})
     * @param drainLimit and at most this long, however much keeps arriving
     *     ({@code SCIM_GATEWAY_SHUTDOWN_DRAIN_LIMIT}); a replica taken out of its load balancer first
     *     gets nothing new, so the quiet period is all it waits
     */
    public record Shutdown(
            @DefaultValue("500ms") @NotNull Duration quietPeriod,
            @DefaultValue("5s") @NotNull Duration drainLimit) {}
}
