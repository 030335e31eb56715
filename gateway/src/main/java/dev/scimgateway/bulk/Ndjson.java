package dev.scimgateway.bulk;

import dev.scimgateway.scim.protocol.ScimException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The NDJSON wire form of a bulk stream: lines in, result lines out.
 *
 * <p>Hand-written rather than Spring's codecs, because the bench showed both costing the import:
 * the StringDecoder tries every byte against each line delimiter it knows, and the streaming
 * JSON encoder flushes the socket after every line. Here one scan per buffer finds the LFs (a LF
 * byte never occurs inside a UTF-8 character, so a line's bytes can be cut before they are
 * decoded), and result lines go out as plain buffers, which Reactor Netty flushes once per burst.
 */
final class Ndjson {

    private final JsonMapper json;
    private final int maxLineBytes;

    Ndjson(JsonMapper json, int maxLineBytes) {
        this.json = json;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The body's lines, blank ones included, without their CR LF or LF; the last one may lack its
     * LF. A buffer is asked for only when the lines of the one before are taken, so the stream's
     * backpressure reaches the socket. A line longer than the limit ends the lines with 413.
     */
    Flux<String> lines(Flux<DataBuffer> body) {
        return Flux.defer(() -> {
            Pending pending = new Pending();
            return body.<List<String>>handle((buffer, sink) -> {
                        try {
                            List<String> lines = pending.cut(buffer);
                            if (lines == null) {
                                sink.error(tooLong());
                            } else {
                                sink.next(lines);
                            }
                        } finally {
                            DataBufferUtils.release(buffer);
                        }
                    })
                    .concatMapIterable(lines -> lines, 1)
                    .concatWith(Mono.fromSupplier(pending::rest))
                    .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
        });
    }

    /** One buffer per result line, written as they come. */
    Flux<DataBuffer> encode(Flux<ObjectNode> results, DataBufferFactory buffers) {
        return results.map(result -> {
            byte[] line = json.writeValueAsBytes(result);
            byte[] withEnd = Arrays.copyOf(line, line.length + 1);
            withEnd[line.length] = '\n';
            return buffers.wrap(withEnd);
        });
    }

    private ScimException tooLong() {
        return ScimException.payloadTooLarge("An NDJSON line is longer than " + maxLineBytes
                + " bytes; every operation must fit on one line of at most that size");
    }

    /** The start of a line whose LF has not come yet. */
    private final class Pending {

        private byte[] bytes = new byte[0];
        private int length;

        /** The lines this buffer ends; null when a line grew past the limit. */
        @Nullable List<String> cut(DataBuffer buffer) {
            List<String> lines = new ArrayList<>();
            int from = buffer.readPosition();
            int end = buffer.writePosition();
            while (from < end) {
                int lf = buffer.indexOf(b -> b == '\n', from);
                if (lf < 0) {
                    if (length + end - from > maxLineBytes) {
                        return null;
                    }
                    keep(buffer, from, end - from);
                    break;
                }
                if (length + lf - from > maxLineBytes) {
                    return null;
                }
                lines.add(length == 0 ? decode(buffer, from, lf) : joined(buffer, from, lf));
                from = lf + 1;
            }
            return lines;
        }

        /** What is left when the body ends: a last line without its LF. */
        @Nullable String rest() {
            if (length == 0) {
                return null;
            }
            String line = withoutCr(new String(bytes, 0, length, StandardCharsets.UTF_8));
            length = 0;
            return line;
        }

        private String decode(DataBuffer buffer, int from, int lf) {
            return withoutCr(buffer.toString(from, lf - from, StandardCharsets.UTF_8));
        }

        private String joined(DataBuffer buffer, int from, int lf) {
            keep(buffer, from, lf - from);
            String line = withoutCr(new String(bytes, 0, length, StandardCharsets.UTF_8));
            length = 0;
            return line;
        }

        private void keep(DataBuffer buffer, int from, int count) {
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + count, bytes.length * 2));
            }
            buffer.readPosition(from);
            buffer.read(bytes, length, count);
            length += count;
        }

        private static String withoutCr(String line) {
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }
    }
}
