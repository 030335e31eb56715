package dev.scimgateway.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.ScimType;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BulkRequestReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final String REQUEST = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
             "unknown":{"deep":[1,[2,{"x":"}]","y":"a,} \\",}"}],3]},"failOnErrors":2,
             "Operations":[
              {"method":"POST","path":"/Users","bulkId":"u1","data":{"userName":"zo\u00eb@example.com",
                 "displayName":"Zo\u00eb \u2603 \\ud83d\\ude00 \\"quoted\\" \uD83D\uDE80","nums":[0,-1,1.5e3,12345678901234567890,
                 3.14159265358979323846264338327950288],"active":true,"manager":null}},
              {"method":"PATCH","path":"/Groups/bulkId:g1","data":{"Operations":[{"op":"add","value":[{"a":[]},{}]}]}},
              {"method":"DELETE","path":"/Users/x","note":", } \\\\\\",}","x":{"y":[]}}
             ],"trailer":"\u00e9t\u00e9"}
            """;

    private final Source source = new Source();

    @Test
    void readsOperationsInOrderWithFailOnErrors() {
        BulkRequestBody body = read(reader(10, 1 << 20), source.chunks(REQUEST, 64));

        assertThat(body.failOnErrors()).isEqualTo(2);
        assertThat(body.operations()).containsExactlyElementsOf(expectedOperations(REQUEST));
        assertThat(body.operations().get(0).at("/data/displayName").stringValue()).isEqualTo("Zoë ☃ 😀 \"quoted\" 🚀");
        assertThat(body.operations().get(2).get("note").stringValue()).isEqualTo(", } \\\",}");
        source.assertAllReleased();
        assertThat(source.requested.get()).isEqualTo(source.created.size() + 1);
    }

    @Test
    void parsesIncrementallyWhateverByteTheBodyIsSplitAt() {
        byte[] bytes = REQUEST.getBytes(StandardCharsets.UTF_8);
        List<JsonNode> expected = expectedOperations(REQUEST);
        BulkRequestReader reader = reader(10, 1 << 20);
        for (int at = 0; at <= bytes.length; at++) {
            Source split = new Source();
            BulkRequestBody body = read(reader, split.of(Arrays.copyOfRange(bytes, 0, at),
                    Arrays.copyOfRange(bytes, at, bytes.length)));
            assertThat(body.operations()).as("split at byte %d", at).containsExactlyElementsOf(expected);
            assertThat(body.failOnErrors()).isEqualTo(2);
            split.assertAllReleased();
        }
        BulkRequestBody byteByByte = read(reader, source.chunks(REQUEST, 1));
        assertThat(byteByByte.operations()).containsExactlyElementsOf(expected);
        assertThat(source.created).hasSize(bytes.length);
        source.assertAllReleased();
    }

    @Test
    void readsABufferLongerThanOneParserSliceAndExactlyTheMaximum() {
        String op = "{\"method\":\"PATCH\",\"path\":\"/Users/x\",\"data\":{\"Operations\":[{\"op\":\"remove\"}]}}";
        String request = "{\"Operations\":[" + String.join(",", Collections.nCopies(500, op)) + "]}";
        assertThat(request.length()).isGreaterThan(3 * 8192);

        BulkRequestBody body = read(reader(500, 1 << 20), source.of(bytes(request)));
        assertThat(body.operations()).hasSize(500).allSatisfy(o -> assertThat(o).isEqualTo(JSON.readTree(op)));
        assertError(reader(499, 1 << 20), new Source().of(bytes(request)), 413, null,
                "The bulk request has more than 499 operations; the maximum is 499 (see /ServiceProviderConfig)");
        source.assertAllReleased();
    }

    @Test
    void matchesKeysIgnoringCaseAndSkipsUnknownOnes() {
        String request = """
                {"SCHEMAS":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"FailOnErrors":1,
                 "extra":[{"Operations":"not these"}],"operations":[{"method":"DELETE","path":"/Users/a"}]}""";
        BulkRequestBody body = read(reader(10, 1 << 20), source.chunks(request, 7));

        assertThat(body.failOnErrors()).isEqualTo(1);
        assertThat(body.operations()).containsExactly(JSON.readTree("{\"method\":\"DELETE\",\"path\":\"/Users/a\"}"));
        source.assertAllReleased();
    }

    @Test
    void keepsOperationsThatAreNotObjectsForPerOperationErrors() {
        String request = """
                {"Operations":[1,"two",null,[3],{"method":"DELETE","path":"/Users/a"},true]}""";
        BulkRequestBody body = read(reader(10, 1 << 20), source.chunks(request, 3));

        assertThat(body.operations()).containsExactlyElementsOf(expectedOperations(request));
        assertThat(body.operations().get(2).isNull()).isTrue();
        assertThat(body.failOnErrors()).isZero();
        assertThatThrownBy(() -> BulkOperation.parse(body.operations().get(0), 0)).isInstanceOf(ScimException.class)
                .hasMessage("Operations[0]: must be an object with method, path and data");
        assertThat(BulkOperation.parse(body.operations().get(4), 4).method()).isEqualTo("DELETE");
    }

    @Test
    void emptyOperationsAndNullFailOnErrorsAreFine() {
        BulkRequestBody body = read(reader(10, 1 << 20), source.chunks("{\"failOnErrors\":null,\"Operations\":[]}", 5));
        assertThat(body.operations()).isEmpty();
        assertThat(body.failOnErrors()).isZero();
    }

    @Test
    void theLastOperationsKeyWinsAsInATree() {
        BulkRequestBody body = read(reader(10, 1 << 20),
                source.chunks("{\"Operations\":{},\"OPERATIONS\":[{\"method\":\"DELETE\"}]}", 4));
        assertThat(body.operations()).hasSize(1);
        assertError(reader(10, 1 << 20), source.chunks("{\"Operations\":[{}],\"operations\":7}", 4), 400,
                ScimType.INVALID_SYNTAX, "A BulkRequest needs an 'Operations' array");
    }

    @Test
    void refusesAnOversizeBodyWithoutAskingForMore() {
        String request = "{\"Operations\":[" + "{\"method\":\"DELETE\",\"path\":\"/Users/x\"},".repeat(20) + "{}]}";
        ScimException error = assertError(reader(1000, 100), source.chunks(request, 40), 413, null,
                "The request body is larger than the limit of 100 bytes (see /ServiceProviderConfig)");

        assertThat(error.scimType()).isNull();
        assertThat(source.created).hasSize(3);
        assertThat(source.requested.get()).isEqualTo(3);
        source.assertAllReleased();
    }

    @Test
    void refusesTheOperationPastTheMaximumAsSoonAsItStarts() {
        String op = "{\"method\":\"DELETE\",\"path\":\"/Users/x\"}";
        TestPublisher<DataBuffer> publisher = TestPublisher.create();
        StepVerifier.create(reader(2, 1 << 20).read(publisher.flux()))
                .then(() -> publisher.next(source.buffer("{\"Operations\":[" + op + "," + op)))
                .then(() -> publisher.next(source.buffer(",[")))
                .expectErrorSatisfies(e -> assertThat((ScimException) e).satisfies(s -> {
                    assertThat(s.status()).isEqualTo(413);
                    assertThat(s.detail()).isEqualTo("The bulk request has more than 2 operations; the maximum is 2"
                            + " (see /ServiceProviderConfig)");
                }))
                .verify(TIMEOUT);
        publisher.assertCancelled();
        source.assertAllReleased();

        // Whatever follows the operation too many, even broken JSON, is never read.
        Source counted = new Source();
        assertError(reader(2, 1 << 20), counted.of(bytes("{\"Operations\":[" + op + ","), bytes(op + ","),
                bytes("{\"method\""), bytes("!!! not json"), bytes("]}")), 413, null, "more than 2 operations");
        assertThat(counted.created).hasSize(3);
        assertThat(counted.requested.get()).isEqualTo(3);
        counted.assertAllReleased();
    }

    @Test
    void reportsMalformedJsonWithJacksonsMessageAndPosition() {
        ScimException error = assertError(reader(10, 1 << 20),
                source.chunks("{\"Operations\":[\n  {\"method\":\"POST\",}\n]}", 5), 400, ScimType.INVALID_SYNTAX,
                "The body is not valid JSON: ");
        assertThat(error.detail()).contains("Unexpected character ('}'").contains("(line 2, column 20)");
        source.assertAllReleased();

        assertError(reader(10, 1 << 20), new Source().chunks("{\"Operations\":[{\"a\":1}", 5), 400,
                ScimType.INVALID_SYNTAX, "The body is not valid JSON: ");
        assertError(reader(10, 1 << 20), new Source().chunks("{\"Operations\":[]} {}", 5), 400,
                ScimType.INVALID_SYNTAX, "The body is not valid JSON: ");
        assertError(reader(10, 1 << 20), new Source().chunks("{\"Operations\":[]}]", 5), 400,
                ScimType.INVALID_SYNTAX, "The body is not valid JSON: ");
    }

    @Test
    void refusesATrailingCommaInAnObjectWhereverTheBodyIsSplit() {
        // Jackson's non-blocking parser takes {"a":1,} when its input ends between the comma and the brace.
        String request = "{\"Operations\":[{\"method\":\"DELETE\",\"path\":\"/Users/x\", \n }]}";
        byte[] bytes = bytes(request);
        BulkRequestReader reader = reader(10, 1 << 20);
        for (int at = 0; at <= bytes.length; at++) {
            Source split = new Source();
            ScimException error = assertError(reader, split.of(Arrays.copyOfRange(bytes, 0, at),
                    Arrays.copyOfRange(bytes, at, bytes.length)), 400, ScimType.INVALID_SYNTAX,
                    "The body is not valid JSON: Unexpected character ('}' (code 125))");
            assertThat(error.detail()).as("split at byte %d", at).endsWith("(line 2, column 2)");
            split.assertAllReleased();
        }
        assertError(reader, source.chunks("{\"Operations\":[],}", 1), 400, ScimType.INVALID_SYNTAX,
                "was expecting double-quote to start property name");
        assertError(reader, source.chunks("{\"Operations\":[1,]}", 1), 400, ScimType.INVALID_SYNTAX,
                "The body is not valid JSON: Unexpected character (']'");
    }

    @Test
    void refusesATopLevelThatIsNotAnObjectAtItsFirstToken() {
        for (String body : List.of("[{\"method\":\"DELETE\"}]", "42", "\"x\"", "null", "  \n ")) {
            Source counted = new Source();
            assertError(reader(10, 1 << 20), counted.chunks(body, 1), 400, ScimType.INVALID_SYNTAX,
                    "The body must be a JSON object");
            counted.assertAllReleased();
        }
        Source counted = new Source();
        assertError(reader(10, 1 << 20), counted.chunks("[" + "{}".repeat(1), 1), 400, ScimType.INVALID_SYNTAX,
                "The body must be a JSON object");
        assertThat(counted.created).hasSize(1);
        assertError(reader(10, 1 << 20), Flux.empty(), 400, ScimType.INVALID_SYNTAX,
                "The request body is empty; send a JSON object");
    }

    @Test
    void needsAnOperationsArray() {
        for (String body : List.of("{}", "{\"schemas\":[]}", "{\"Operations\":{}}", "{\"Operations\":null}",
                "{\"Operations\":\"[]\"}")) {
            assertError(reader(10, 1 << 20), source.chunks(body, 3), 400, ScimType.INVALID_SYNTAX,
                    "A BulkRequest needs an 'Operations' array (schema " + BulkService.REQUEST_SCHEMA + ")");
        }
        source.assertAllReleased();
    }

    @Test
    void refusesAFailOnErrorsThatIsNotANonNegativeInteger() {
        for (String value : List.of("-1", "\"2\"", "true", "{\"n\":1}", "[1]", "12345678901")) {
            assertError(reader(10, 1 << 20), source.chunks("{\"failOnErrors\":" + value + ",\"Operations\":[]}", 4),
                    400, ScimType.INVALID_VALUE, "'failOnErrors' must be a non-negative integer");
        }
        source.assertAllReleased();
    }

    @Test
    void cancellingStopsReadingAndReleasesBuffersThatStillArrive() {
        TestPublisher<DataBuffer> publisher = TestPublisher.createNoncompliant(TestPublisher.Violation.DEFER_CANCELLATION);
        StepVerifier.create(reader(10, 1 << 20).read(publisher.flux()))
                .then(() -> publisher.next(source.buffer("{\"Operations\":[{\"method\":")))
                .thenCancel()
                .verify(TIMEOUT);
        publisher.assertCancelled();
        publisher.next(source.buffer("\"DELETE\"}]}"));
        assertThat(source.created).hasSize(2);
        source.assertAllReleased();
    }

    @Test
    void anUpstreamErrorPassesThrough() {
        IllegalStateException reset = new IllegalStateException("connection reset");
        StepVerifier.create(reader(10, 1 << 20).read(source.chunks("{\"Operations\":[", 4)
                        .concatWith(Flux.error(reset))))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(reset))
                .verify(TIMEOUT);
        source.assertAllReleased();
    }

    @Test
    void checksTheContentTypeOfAServerRequest() {
        BulkRequestReader reader = reader(10, 1 << 20);
        StepVerifier.create(reader.read(request(MediaType.TEXT_PLAIN, "{\"Operations\":[]}")))
                .expectErrorSatisfies(e -> assertThat(((ScimException) e).status()).isEqualTo(415))
                .verify(TIMEOUT);
        StepVerifier.create(reader.read(request(MediaType.parseMediaType("application/scim+json"),
                        "{\"Operations\":[{}]}")))
                .assertNext(body -> assertThat(body.operations()).hasSize(1))
                .verifyComplete();
        source.assertAllReleased();
    }

    private ServerRequest request(MediaType type, String body) {
        MockServerHttpRequest request = MockServerHttpRequest.post("/scim/v2/Bulk").contentType(type)
                .body(source.chunks(body, 4));
        return ServerRequest.create(MockServerWebExchange.from(request), HandlerStrategies.withDefaults().messageReaders());
    }

    private static BulkRequestReader reader(int maxOperations, long maxPayloadBytes) {
        return new BulkRequestReader(JSON, maxOperations, maxPayloadBytes);
    }

    private static BulkRequestBody read(BulkRequestReader reader, Flux<DataBuffer> body) {
        List<BulkRequestBody> result = new ArrayList<>();
        StepVerifier.create(reader.read(body)).consumeNextWith(result::add).verifyComplete();
        return result.get(0);
    }

    private static ScimException assertError(BulkRequestReader reader, Flux<DataBuffer> body, int status,
            ScimType type, String detail) {
        List<ScimException> errors = new ArrayList<>();
        Consumer<Throwable> check = e -> {
            assertThat(e).isInstanceOf(ScimException.class);
            ScimException scim = (ScimException) e;
            assertThat(scim.status()).isEqualTo(status);
            if (type != null) {
                assertThat(scim.scimType()).isEqualTo(type);
            }
            assertThat(scim.detail()).contains(detail);
            errors.add(scim);
        };
        StepVerifier.create(reader.read(body)).expectErrorSatisfies(check).verify(TIMEOUT);
        return errors.get(0);
    }

    private static List<JsonNode> expectedOperations(String request) {
        List<JsonNode> operations = new ArrayList<>();
        JSON.readTree(request).get("Operations").forEach(operations::add);
        return operations;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Netty buffers made only when asked for, so that what was asked for and what was released can be checked. */
    private static final class Source {

        private final NettyDataBufferFactory factory = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));
        final List<NettyDataBuffer> created = new ArrayList<>();
        final AtomicLong requested = new AtomicLong();

        Flux<DataBuffer> chunks(String text, int size) {
            byte[] all = bytes(text);
            List<byte[]> chunks = new ArrayList<>();
            for (int i = 0; i < all.length; i += size) {
                chunks.add(Arrays.copyOfRange(all, i, Math.min(all.length, i + size)));
            }
            return of(chunks.toArray(byte[][]::new));
        }

        Flux<DataBuffer> of(byte[]... chunks) {
            return Flux.fromArray(chunks).<DataBuffer>map(this::buffer).doOnRequest(requested::addAndGet);
        }

        DataBuffer buffer(String text) {
            return buffer(bytes(text));
        }

        DataBuffer buffer(byte[] bytes) {
            NettyDataBuffer buffer = factory.allocateBuffer(bytes.length).write(bytes);
            created.add(buffer);
            return buffer;
        }

        void assertAllReleased() {
            assertThat(created).allSatisfy(b -> assertThat(b.getNativeBuffer().refCnt()).isZero());
        }
    }
}
