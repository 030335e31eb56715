package dev.scimgateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class IdempotencyTest extends GatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLAIMS = "scim_write_batch_size_count{statement=\"idempotency_claim\"}";
    private static final String COMPLETIONS = "scim_write_batch_size_count{statement=\"idempotency_complete\"}";

    @Autowired
    DatabaseClient db;

    /**
     * A claim's statement turns off the wait for its own commit's WAL flush (see
     * R2dbcIdempotencyStore), and only for its own transaction: the session it ran on keeps waiting.
     */
    @Test
    void aClaimSkipsTheFlushForItsOwnTransactionOnly() {
        String during = db.sql("SELECT current_setting('synchronous_commit')"
                        + " FROM (SELECT set_config('synchronous_commit', 'off', true)) AS unflushed")
                .map(row -> row.get(0, String.class)).one().block();
        assertThat(during).isEqualTo("off");
        assertThat(post(newScimClient("idemflush"), UUID.randomUUID().toString(), "{\"userName\":\"f@example.com\"}")
                .getStatus().value()).isEqualTo(201);
        String after = db.sql("SHOW synchronous_commit").map(row -> row.get(0, String.class)).one().block();
        assertThat(after).isEqualTo("on");
    }

    private EntityExchangeResult<String> post(ScimClient c, String key, String body) {
        return post(c, key, "/scim/v2/Users", body);
    }

    private EntityExchangeResult<String> post(ScimClient c, String key, String path, String body) {
        return http.post().uri(path).header("Authorization", "Bearer " + c.token())
                .header("Idempotency-Key", key).contentType(SCIM).bodyValue(body)
                .exchange().expectBody(String.class).returnResult();
    }

    private int users(ScimClient c) {
        return ScimClient.body(c.get("/Users?count=0").expectStatus().isOk()).get("totalResults").asInt();
    }

    @Test
    void retryGetsTheFirstResponseReplayed() {
        ScimClient c = newScimClient("idem");
        String key = UUID.randomUUID().toString();
        var first = post(c, key, "{\"userName\":\"once@example.com\"}");
        var retry = post(c, key, "{\"userName\":\"once@example.com\"}");
        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(retry.getStatus().value()).isEqualTo(201);
        assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getResponseHeaders().getETag()).isEqualTo(first.getResponseHeaders().getETag());
        assertThat(first.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(users(c)).isEqualTo(1);

        // Keys are per tenant: another tenant may use the same key for its own request.
        ScimClient other = newScimClient("idem2");
        assertThat(post(other, key, "{\"userName\":\"once@example.com\"}").getStatus().value()).isEqualTo(201);
    }

    @Test
    void sameKeyForAnotherRequestIs422AndClientErrorsAreReplayed() {
        ScimClient c = newScimClient("idemdiff");
        String key = UUID.randomUUID().toString();
        assertThat(post(c, key, "{\"userName\":\"a@example.com\"}").getStatus().value()).isEqualTo(201);
        var reused = post(c, key, "{\"userName\":\"b@example.com\"}");
        assertThat(reused.getStatus().value()).isEqualTo(422);
        assertThat(reused.getResponseBody()).contains("Idempotency-Key");

        String badKey = UUID.randomUUID().toString();
        var bad = post(c, badKey, "{\"userName\": true}");
        assertThat(bad.getStatus().value()).isEqualTo(400);
        var badAgain = post(c, badKey, "{\"userName\": true}");
        assertThat(badAgain.getStatus().value()).isEqualTo(400);
        assertThat(badAgain.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(users(c)).isEqualTo(1);
    }

    @Test
    void aRetryWhileTheFirstRunsIs409AndExpiredKeysAreReused() throws Exception {
        ScimClient c = newScimClient("idemflight");
        String body = "{\"userName\":\"flight@example.com\"}";
        String key = "in-flight-" + UUID.randomUUID();
        db.sql("INSERT INTO idempotency_record (tenant_id, key, fingerprint, state, created_at, expires_at, locked_until)"
                        + " VALUES ($1, $2, $3, 'in_flight', now(), now() + interval '1 hour', now() + interval '1 minute')")
                .bind(0, c.tenantId()).bind(1, key).bind(2, ByteBuffer.wrap(fingerprint("POST", "/scim/v2/Users", body)))
                .then().block();
        var busy = post(c, key, body);
        assertThat(busy.getStatus().value()).isEqualTo(409);
        assertThat(users(c)).isZero();

        String expired = "expired-" + UUID.randomUUID();
        db.sql("INSERT INTO idempotency_record (tenant_id, key, fingerprint, state, status, headers, body, created_at,"
                        + " expires_at, locked_until) VALUES ($1, $2, $3, 'done', 201, '{}'::jsonb, $4,"
                        + " now() - interval '2 days', now() - interval '1 day', now() - interval '2 days')")
                .bind(0, c.tenantId()).bind(1, expired).bind(2, ByteBuffer.wrap(new byte[32]))
                .bind(3, ByteBuffer.wrap("old".getBytes())).then().block();
        assertThat(post(c, expired, body).getStatus().value()).isEqualTo(201);
    }

    @Test
    void concurrentRetriesCreateOneUser() {
        ScimClient c = newScimClient("idemrace");
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> post(c, key, "{\"userName\":\"race@example.com\"}")
                    .getStatus().value()));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).allMatch(s -> s == 201 || s == 409).contains(201);
        assertThat(users(c)).isEqualTo(1);
        JsonNode listed = ScimClient.body(c.get("/Users").expectStatus().isOk());
        assertThat(listed.at("/Resources/0/userName").stringValue()).isEqualTo("race@example.com");
    }

    /**
     * A burst of keyed user creates writes its keys, with their answers, in the coalesced
     * statements that create the users: no claim or completion statement of its own. Every
     * request still gets its own answer: each retry afterwards replays exactly its own first response.
     */
    @Test
    void aBurstOfKeyedCreatesClaimsItsKeysInTheCreatesAndEachReplaysItsOwnAnswer() {
        ScimClient c = newScimClient("idemburst");
        double claims = meter(CLAIMS);
        double completions = meter(COMPLETIONS);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<String> keys = IntStream.range(0, 128).mapToObj(i -> "burst-" + i + "-" + UUID.randomUUID()).toList();
            List<CompletableFuture<EntityExchangeResult<String>>> firsts = keys.stream()
                    .map(key -> CompletableFuture.supplyAsync(() -> post(c, key, user(key)), pool)).toList();
            List<EntityExchangeResult<String>> answers = firsts.stream().map(CompletableFuture::join).toList();
            assertThat(answers).allSatisfy(a -> assertThat(a.getStatus().value()).isEqualTo(201));
            assertThat(meter(CLAIMS)).as("claim statements run by the creates").isEqualTo(claims);
            assertThat(meter(COMPLETIONS)).as("completion statements run by the creates").isEqualTo(completions);
            for (int i = 0; i < keys.size(); i++) {
                var retry = post(c, keys.get(i), user(keys.get(i)));
                assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
                assertThat(retry.getResponseBody()).isEqualTo(answers.get(i).getResponseBody()).contains(keys.get(i));
            }
            assertThat(users(c)).isEqualTo(keys.size());
        } finally {
            pool.shutdownNow();
        }
        assertThat(meter("scim_write_batch_size_max{statement=\"user_insert\"}")).isGreaterThanOrEqualTo(2);
    }

    /**
     * A create that committed while its answer could not be stored (the gateway died, or the
     * statement storing it failed, as a trigger makes it here) is never run again: the create
     * claimed its key in its own statement, and the retry is answered 201 with the resource it
     * created, at once, for groups and NDJSON lines alike. Later retries replay that answer. A
     * user create needs no statement after its own: its answer is kept with its key.
     */
    @Test
    void aCreateThatCommittedWithoutItsAnswerIsAnsweredFromWhatItCreated() {
        ScimClient c = newScimClient("idemunanswered");
        String run = UUID.randomUUID().toString();
        String userKey = "unanswered-u-" + run;
        String groupKey = "unanswered-g-" + run;
        String lineKey = "unanswered-l-" + run;
        String userBody = "{\"userName\":\"" + userKey + "@example.com\"}";
        String groupBody = "{\"displayName\":\"" + groupKey + "\"}";
        String line = "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"l\",\"idempotencyKey\":\"" + lineKey
                + "\",\"data\":{\"userName\":\"" + lineKey + "@example.com\"}}\n";
        String userAnswer;
        db.sql("CREATE OR REPLACE FUNCTION test_refuse_answer() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'the answer cannot be stored'; END $$").then().block();
        db.sql("CREATE TRIGGER test_refuse_answer BEFORE UPDATE ON idempotency_record FOR EACH ROW"
                + " WHEN (NEW.state = 'done' AND NEW.key LIKE '%unanswered-%') EXECUTE FUNCTION test_refuse_answer()")
                .then().block();
        try {
            var first = post(c, userKey, userBody);
            assertThat(first.getStatus().value()).as(first.getResponseBody()).isEqualTo(201);
            userAnswer = first.getResponseBody();
            assertThat(post(c, groupKey, "/scim/v2/Groups", groupBody).getStatus().is5xxServerError()).isTrue();
            Flux<String> cut = http.post().uri("/scim/v2/Bulk").header("Authorization", "Bearer " + c.token())
                    .contentType(MediaType.APPLICATION_NDJSON).bodyValue(line).exchange()
                    .returnResult(String.class).getResponseBody();
            assertThat(cut.onErrorResume(e -> Flux.empty()).collectList().block())
                    .noneMatch(answer -> answer.contains("\"201\""));
        } finally {
            db.sql("DROP TRIGGER test_refuse_answer ON idempotency_record").then().block();
        }

        var user = post(c, userKey, userBody);
        assertThat(user.getStatus().value()).as(user.getResponseBody()).isEqualTo(201);
        assertThat(user.getResponseBody()).isEqualTo(userAnswer);
        JsonNode created = found(c, "/Users", "userName eq \"" + userKey + "@example.com\"");
        assertThat(JSON.readTree(user.getResponseBody()).get("id")).isEqualTo(created.get("id"));
        assertThat(user.getResponseHeaders().getLocation()).hasToString(created.at("/meta/location").stringValue());
        assertThat(user.getResponseHeaders().getETag()).isEqualTo(created.at("/meta/version").stringValue());
        assertThat(user.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        var again = post(c, userKey, userBody);
        assertThat(again.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.getResponseBody()).isEqualTo(user.getResponseBody());

        var group = post(c, groupKey, "/scim/v2/Groups", groupBody);
        assertThat(group.getStatus().value()).as(group.getResponseBody()).isEqualTo(201);
        assertThat(JSON.readTree(group.getResponseBody()).get("id"))
                .isEqualTo(found(c, "/Groups", "displayName eq \"" + groupKey + "\"").get("id"));

        String resumed = http.post().uri("/scim/v2/Bulk").header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.APPLICATION_NDJSON).bodyValue(line).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode result = JSON.readTree(resumed.strip());
        assertThat(result.get("status").stringValue()).as(resumed).isEqualTo("201");
        assertThat(result.get("location").stringValue()).isEqualTo(
                found(c, "/Users", "userName eq \"" + lineKey + "@example.com\"").at("/meta/location").stringValue());
        assertThat(users(c)).isEqualTo(2);
    }

    /**
     * A key whose create skipped a clash (a userName or displayName taken by someone else) is still
     * claimed by that statement, and keeps the 409 for its retries; a group create's retry, whose
     * group clashes with the very group it created, is answered from its key, not with 409.
     */
    @Test
    void aCreateThatClashesKeepsIts409AndAGroupRetryIsReplayed() {
        ScimClient c = newScimClient("idemclash");
        c.createUser("taken@example.com");
        String key = "clash-" + UUID.randomUUID();
        var clash = post(c, key, "{\"userName\":\"TAKEN@example.com\"}");
        assertThat(clash.getStatus().value()).as(clash.getResponseBody()).isEqualTo(409);
        var clashAgain = post(c, key, "{\"userName\":\"TAKEN@example.com\"}");
        assertThat(clashAgain.getStatus().value()).isEqualTo(409);
        assertThat(clashAgain.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(clashAgain.getResponseBody()).isEqualTo(clash.getResponseBody());

        String groupKey = "group-" + UUID.randomUUID();
        String group = "{\"displayName\":\"" + groupKey + "\"}";
        var created = post(c, groupKey, "/scim/v2/Groups", group);
        assertThat(created.getStatus().value()).as(created.getResponseBody()).isEqualTo(201);
        var retried = post(c, groupKey, "/scim/v2/Groups", group);
        assertThat(retried.getStatus().value()).as(retried.getResponseBody()).isEqualTo(201);
        assertThat(retried.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.getResponseBody()).isEqualTo(created.getResponseBody());
    }

    /** The one resource the filter finds. */
    private JsonNode found(ScimClient c, String path, String filter) {
        JsonNode list = http.get().uri(uri -> uri.path("/scim/v2" + path).queryParam("filter", "{f}").build(filter))
                .header("Authorization", "Bearer " + c.token()).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(list.get("totalResults").asInt()).isEqualTo(1);
        return list.at("/Resources/0");
    }

    private static String user(String key) {
        return "{\"userName\":\"" + key + "@example.com\"}";
    }

    @Test
    void malformedKeysAreRefused() {
        ScimClient c = newScimClient("idembad");
        assertThat(post(c, "x".repeat(300), "{\"userName\":\"k@example.com\"}").getStatus().value()).isEqualTo(400);
    }

    private static byte[] fingerprint(String method, String path, String body) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update((method + " " + path + "?\n").getBytes(StandardCharsets.UTF_8));
        return digest.digest(body.getBytes(StandardCharsets.UTF_8));
    }
}
