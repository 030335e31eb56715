package dev.scimgateway.bulk;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BulkTest extends GatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void resolvesBulkIdsInAnyOrderAndReportsEachOperation() {
        ScimClient c = newScimClient("bulk");
        JsonNode response = body(c.post("/Bulk", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                  {"method":"POST","path":"/Groups","bulkId":"g1","data":{"displayName":"Bulk team",
                     "members":[{"value":"bulkId:u1"},{"value":"bulkId:u2"}]}},
                  {"method":"POST","path":"/Users","bulkId":"u1","data":{"userName":"b1@example.com"}},
                  {"method":"POST","path":"/Users","bulkId":"u2","data":{"userName":"b2@example.com"}},
                  {"method":"PATCH","path":"/Users/bulkId:u1","data":{"Operations":[{"op":"replace","value":{"active":false}}]}},
                  {"method":"POST","path":"/Users","bulkId":"dup","data":{"userName":"B1@example.com"}},
                  {"method":"DELETE","path":"/Users/00000000-0000-0000-0000-000000000000"},
                  {"method":"FLY","path":"/Users"}]}""").expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/scim+json"));
        JsonNode ops = response.get("Operations");
        assertThat(ops).hasSize(7);
        assertThat(ops.get(0).get("status").stringValue()).isEqualTo("201");
        assertThat(ops.get(0).get("bulkId").stringValue()).isEqualTo("g1");
        assertThat(ops.get(1).get("location").stringValue()).contains("/scim/v2/Users/");
        assertThat(ops.get(3).get("status").stringValue()).isEqualTo("200");
        assertThat(ops.get(4).get("status").stringValue()).isEqualTo("409");
        assertThat(ops.get(4).at("/response/scimType").stringValue()).isEqualTo("uniqueness");
        assertThat(ops.get(5).get("status").stringValue()).isEqualTo("404");
        assertThat(ops.get(6).get("status").stringValue()).isEqualTo("400");

        String groupLocation = ops.get(0).get("location").stringValue();
        JsonNode group = body(c.get(groupLocation.substring(groupLocation.indexOf("/Groups"))).expectStatus().isOk());
        assertThat(group.get("members")).hasSize(2);
        String user1 = ops.get(1).get("location").stringValue();
        assertThat(body(c.get(user1.substring(user1.indexOf("/Users"))).expectStatus().isOk()).get("active").booleanValue())
                .isFalse();
    }

    @Test
    void circularReferencesFailOnErrorsAndLimits() {
        ScimClient c = newScimClient("bulkcycle");
        JsonNode cycle = body(c.post("/Bulk", """
                {"Operations":[
                  {"method":"POST","path":"/Groups","bulkId":"a","data":{"displayName":"A","members":[{"value":"bulkId:b"}]}},
                  {"method":"POST","path":"/Groups","bulkId":"b","data":{"displayName":"B","members":[{"value":"bulkId:a"}]}}]}""")
                .expectStatus().isOk());
        assertThat(cycle.get("Operations")).allSatisfy(op -> assertThat(op.get("status").stringValue()).isEqualTo("409"));

        JsonNode stopped = body(c.post("/Bulk", """
                {"failOnErrors":1,"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"x","data":{"userName":true}},
                  {"method":"POST","path":"/Users","bulkId":"y","data":{"userName":"never@example.com"}}]}""")
                .expectStatus().isOk());
        assertThat(stopped.get("Operations")).hasSize(1);
        c.get("/Users?filter=userName%20eq%20%22never@example.com%22").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(0);

        StringBuilder many = new StringBuilder("{\"Operations\":[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"method\":\"DELETE\",\"path\":\"/Users/x\"}");
        }
        c.post("/Bulk", many.append("]}").toString()).expectStatus().isEqualTo(413);
        c.get("/ServiceProviderConfig").expectStatus().isOk().expectBody()
                .jsonPath("$.bulk.supported").isEqualTo(true).jsonPath("$.bulk.maxOperations").isEqualTo(1000);
    }

    @Test
    void ndjsonStreamAnswersLineByLineAndResumesWithIdempotencyKeys() {
        ScimClient c = newScimClient("stream");
        String run = UUID.randomUUID().toString();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            lines.append("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u").append(i)
                    .append("\",\"idempotencyKey\":\"").append(run).append('-').append(i)
                    .append("\",\"data\":{\"userName\":\"s").append(i).append("@example.com\"}}\n");
        }
        lines.append("{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"g\",\"data\":{\"displayName\":\"Streamed\",")
                .append("\"members\":[{\"value\":\"bulkId:u0\"},{\"value\":\"bulkId:u49\"}]}}\n");
        lines.append("not json\n");
        List<JsonNode> results = stream(c, lines.toString());
        assertThat(results).hasSize(52);
        assertThat(results.subList(0, 51)).allSatisfy(r -> assertThat(r.get("status").stringValue()).isEqualTo("201"));
        assertThat(results.get(51).get("status").stringValue()).isEqualTo("400");
        assertThat(results.get(51).get("index").asInt()).isEqualTo(51);

        // The client reconnects and sends the first ten lines again: nothing is created twice.
        String firstTen = lines.toString().lines().limit(10).reduce("", (a, b) -> a + b + "\n");
        List<JsonNode> resumed = stream(c, firstTen);
        assertThat(resumed).hasSize(10).allSatisfy(r -> {
            assertThat(r.get("status").stringValue()).isEqualTo("201");
            assertThat(r.get("replayed").booleanValue()).isTrue();
        });
        c.get("/Users?count=0").expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(50);
    }

    /**
     * Bounded memory, shown as backpressure: the gateway reads a stream only as fast as it answers
     * it, so the lines the client has sent but not yet seen answered stay below what the sockets
     * and the pipeline hold, however long the stream (about 1,700 lines here when measured). Lines
     * are 4 KiB, so that an unbounded reader (taking the whole 80 MiB at once, while answers
     * trickle at database speed) would run far ahead.
     */
    @Test
    void aStreamIsReadOnlyAsFastAsItIsAnswered() {
        ScimClient c = newScimClient("backpressure");
        admin(http.put().uri("/admin/v1/tenants/{t}/limits", c.tenantId()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"read\":{\"perSecond\":1000000,\"burst\":1000000},"
                        + "\"write\":{\"perSecond\":1000000,\"burst\":1000000}}"))
                .exchange().expectStatus().isOk();
        int lines = 20_000;
        String padding = "x".repeat(4000);
        AtomicLong sent = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong mostAhead = new AtomicLong();
        Flux<String> body = Flux.range(0, lines)
                .map(i -> "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"b" + i + "\",\"data\":{\"userName\":\"bp" + i
                        + "@example.com\",\"title\":\"" + padding + "\"}}\n")
                .doOnNext(line -> sent.incrementAndGet());
        Flux<String> answers = http.post().uri("/scim/v2/Bulk").header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.APPLICATION_NDJSON).body(body, String.class)
                .exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        List<String> failed = answers.flatMapIterable(chunk -> chunk.lines().filter(line -> !line.isBlank()).toList())
                .doOnNext(line -> mostAhead.accumulateAndGet(sent.get() - answered.incrementAndGet(), Math::max))
                .filter(line -> !line.contains("\"status\":\"201\""))
                .take(3)
                .collectList().block(Duration.ofMinutes(3));
        assertThat(failed).isEmpty();
        assertThat(answered).hasValue(lines);
        assertThat(mostAhead.get()).as("lines sent but not yet answered, at most").isLessThan(lines / 4);
    }

    /**
     * Creates run side by side and are written together, yet the request keeps its one-by-one
     * meaning: the first of two creates of one userName wins, a group waits for the users it names.
     */
    @Test
    void aBurstOfCreatesIsWrittenTogetherWithEachOperationAnsweredInOrder() {
        ScimClient c = newScimClient("bulkburst");
        int users = 300;
        StringBuilder request = new StringBuilder("{\"Operations\":[");
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < users; i++) {
            request.append("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u").append(i)
                    .append("\",\"data\":{\"userName\":\"burst").append(i).append("@example.com\"}},");
            members.append(i == 0 ? "" : ",").append("{\"value\":\"bulkId:u").append(i).append("\"}");
        }
        request.append("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"again\",")
                .append("\"data\":{\"userName\":\"BURST7@example.com\"}},")
                .append("{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"all\",")
                .append("\"data\":{\"displayName\":\"Burst\",\"members\":[").append(members).append("]}}]}");
        double batchesBefore = writeBatches();

        JsonNode ops = body(c.post("/Bulk", request.toString()).expectStatus().isOk()).get("Operations");

        assertThat(ops).hasSize(users + 2);
        for (int i = 0; i < users; i++) {
            assertThat(ops.get(i).get("bulkId").stringValue()).isEqualTo("u" + i);
            assertThat(ops.get(i).get("status").stringValue()).isEqualTo("201");
        }
        assertThat(ops.get(users).get("status").stringValue()).isEqualTo("409");
        assertThat(ops.get(users + 1).get("status").stringValue()).isEqualTo("201");
        String group = ops.get(users + 1).get("location").stringValue();
        assertThat(body(c.get(group.substring(group.indexOf("/Groups"))).expectStatus().isOk()).get("members"))
                .hasSize(users);
        assertThat(writeBatches() - batchesBefore).as("INSERTs for %d creates", users).isPositive().isLessThan(users / 2.0);
    }

    private double writeBatches() {
        return meter("scim_write_batch_size_count{statement=\"user_insert\"}");
    }

    private List<JsonNode> stream(ScimClient c, String ndjson) {
        String body = http.post().uri("/scim/v2/Bulk").header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.APPLICATION_NDJSON).bodyValue(ndjson)
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();
        List<JsonNode> results = new ArrayList<>();
        body.lines().filter(l -> !l.isBlank()).forEach(l -> results.add(JSON.readTree(l)));
        return results;
    }
}
