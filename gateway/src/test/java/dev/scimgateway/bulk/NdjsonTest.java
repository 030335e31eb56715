package dev.scimgateway.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.scim.protocol.ScimException;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class NdjsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<DataBuffer> sent = new ArrayList<>();
    private final Ndjson ndjson = new Ndjson(JSON, 16);

    /** The body in pieces cut at the given byte offsets, so lines and characters straddle buffers. */
    private Flux<DataBuffer> body(String text, int... cuts) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<DataBuffer> pieces = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            pieces.add(buffer(Arrays.copyOfRange(bytes, from, cut)));
            from = cut;
        }
        pieces.add(buffer(Arrays.copyOfRange(bytes, from, bytes.length)));
        return Flux.fromIterable(pieces).doOnNext(sent::add);
    }

    private DataBuffer buffer(byte[] bytes) {
        DataBuffer buffer = BUFFERS.allocateBuffer(bytes.length);
        buffer.write(bytes);
        return buffer;
    }

    private void assertEveryBufferReleased() {
        assertThat(sent).allSatisfy(b -> assertThat(((NettyDataBuffer) b).getNativeBuffer().refCnt()).isZero());
    }

    @Test
    void linesStraddlingBuffersComeOutWhole() {
        // "é" is two bytes in UTF-8: the cut at 6 falls between them.
        String text = "{\"a\":1}\n\n{\"b\":\"é\"}\r\nlast";
        StepVerifier.create(ndjson.lines(body(text, 3, 6, 9, 14, 19)))
                .expectNext("{\"a\":1}", "", "{\"b\":\"é\"}", "last")
                .expectComplete()
                .verify(TIMEOUT);
        assertEveryBufferReleased();
    }

    @Test
    void aBodyEndingInItsLineFeedHasNoEmptyLastLine() {
        StepVerifier.create(ndjson.lines(body("one\ntwo\n", 5)))
                .expectNext("one", "two")
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void aLineLongerThanTheLimitIs413WhetherItEndsOrNot() {
        StepVerifier.create(ndjson.lines(body("short\n" + "x".repeat(17) + "\nnext\n", 10)))
                .expectNext("short")
                .expectErrorSatisfies(e -> assertThat(((ScimException) e).status()).isEqualTo(413))
                .verify(TIMEOUT);
        StepVerifier.create(ndjson.lines(body("x".repeat(40), 10, 20, 30)))
                .expectErrorSatisfies(e -> assertThat(((ScimException) e).status()).isEqualTo(413))
                .verify(TIMEOUT);
        assertEveryBufferReleased();
    }

    @Test
    void aLineOfExactlyTheLimitPasses() {
        String sixteen = "y".repeat(16);
        StepVerifier.create(ndjson.lines(body(sixteen + "\n" + sixteen, 5, 20)))
                .expectNext(sixteen, sixteen)
                .expectComplete()
                .verify(TIMEOUT);
    }

    /** A buffer is asked for only once the lines before it are taken: the stream's pace reaches the socket. */
    @Test
    void aBufferIsAskedForOnlyWhenItsLinesAreWanted() {
        AtomicLong asked = new AtomicLong();
        // hide(): a socket offers no fusion, so the demand shows as requests.
        Flux<DataBuffer> socket = body("a\nb\nc\n", 4).hide().doOnRequest(asked::addAndGet);
        StepVerifier.create(ndjson.lines(socket), 0)
                .thenRequest(1)
                .expectNext("a")
                .then(() -> assertThat(asked).as("buffers asked for").hasValue(1))
                .thenRequest(1)
                .expectNext("b")
                .then(() -> assertThat(asked).as("buffers asked for").hasValue(2))
                .thenRequest(Long.MAX_VALUE)
                .expectNext("c")
                .expectComplete()
                .verify(TIMEOUT);
        assertEveryBufferReleased();
    }

    @Test
    void eachResultIsOneLine() {
        ObjectNode first = JSON.createObjectNode().put("status", "201").put("index", 0);
        ObjectNode second = JSON.createObjectNode().put("status", "400").put("index", 1);
        StepVerifier.create(ndjson.encode(Flux.just(first, second), BUFFERS)
                        .map(b -> {
                            String text = b.toString(StandardCharsets.UTF_8);
                            DataBufferUtils.release(b);
                            return text;
                        }))
                .expectNext("{\"status\":\"201\",\"index\":0}\n", "{\"status\":\"400\",\"index\":1}\n")
                .expectComplete()
                .verify(TIMEOUT);
    }
}
