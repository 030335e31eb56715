package dev.scimgateway.bulk;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.JsonSyntaxErrors;
import dev.scimgateway.scim.web.ScimMediaTypes;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Reads a BulkRequest document (RFC 7644 §3.7) as it arrives: each body buffer is fed to Jackson's
 * non-blocking parser and released at once, one buffer is asked for at a time, and only the
 * operations are kept, one tree each. The whole body is never held, neither as bytes nor as one
 * tree. The limits are enforced while reading: the byte that passes {@code maxPayloadBytes} or the
 * operation that passes {@code maxOperations} ends the request with 413 before anything more is read.
 *
 * <p>The top level must be an object; its keys are matched ignoring case. {@code Operations} must
 * be an array, {@code failOnErrors} a non-negative integer or null; {@code schemas} and unknown keys
 * are skipped without being kept. A key given twice counts with its last value.
 */
public final class BulkRequestReader {

    /** The body is fed to the parser in slices of at most this many bytes, from one reused array. */
    private static final int SLICE = 8192;

    private final JsonMapper json;
    private final int maxOperations;
    private final long maxPayloadBytes;
    /** Whether {@link CommaCheck} applies: strict JSON, where quotes only ever delimit strings. */
    private final boolean checkCommas;

    public BulkRequestReader(JsonMapper json, int maxOperations, long maxPayloadBytes) {
        this.json = json;
        this.maxOperations = maxOperations;
        this.maxPayloadBytes = maxPayloadBytes;
        this.checkCommas = !json.isEnabled(JsonReadFeature.ALLOW_TRAILING_COMMA)
                && !json.isEnabled(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                && !json.isEnabled(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                && !json.isEnabled(JsonReadFeature.ALLOW_YAML_COMMENTS);
    }

    /** The request's body, after the same Content-Type check as {@code JsonBodies#readObject}. */
    public Mono<BulkRequestBody> read(ServerRequest request) {
        return read(ScimMediaTypes.jsonBody(request));
    }

    /**
     * Parses {@code body}, asking for one buffer at a time. Every buffer received is released, fed or
     * not; on an error or a cancel nothing more is asked for. Errors are {@link ScimException} signals.
     */
    public Mono<BulkRequestBody> read(Flux<DataBuffer> body) {
        return Mono.defer(() -> {
            Parse parse;
            try {
                parse = new Parse(json.createNonBlockingByteArrayParser());
            } catch (JacksonException e) {
                return Mono.error(ScimException.internal("The bulk request parser could not be created"));
            }
            // The parser is closed on the signals that end the reading, which come in line with the
            // buffers; on a cancel it is left to the garbage collector, as closing it then could race
            // a buffer being fed.
            return body.concatMap(buffer -> Mono.fromRunnable(() -> feedAndRelease(parse, buffer)), 0)
                    .then(Mono.fromCallable(parse::end))
                    .onErrorMap(RuntimeException.class, parse::errorOf)
                    .doOnTerminate(parse::close);
        }).doOnDiscard(DataBuffer.class, DataBufferUtils::release);
    }

    private static void feedAndRelease(Parse parse, DataBuffer buffer) {
        try {
            parse.feed(buffer);
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** Where the parser is in the document. */
    private enum State { ROOT, TOP, VALUE, OPERATIONS, OPERATION, SKIP, DONE }

    /** The top-level keys the reader knows. */
    private enum Key { OPERATIONS, FAIL_ON_ERRORS, OTHER }

    /** The token state machine over one body; not thread-safe, driven by one subscriber's serial signals. */
    private final class Parse {

        private final JsonParser parser;
        private final ByteArrayFeeder feeder;
        private final ObjectReadContext context;
        private final byte[] slice = new byte[SLICE];
        private long received;
        private State state = State.ROOT;
        private Key key = Key.OTHER;
        /** Nesting inside the operation being buffered or the value being skipped. */
        private int depth;
        private @Nullable TokenBuffer operation;
        /** The last {@code Operations} value's operations, or null when it is missing or not an array. */
        private @Nullable List<JsonNode> operations;
        private @Nullable JsonNode failOnErrors;
        private final CommaCheck commas = new CommaCheck();

        Parse(JsonParser parser) {
            this.parser = parser;
            this.feeder = (ByteArrayFeeder) parser.nonBlockingInputFeeder();
            this.context = parser.objectReadContext();
        }

        /** Counts and parses one buffer; the caller releases it. */
        void feed(DataBuffer buffer) {
            int length = buffer.readableByteCount();
            received += length;
            if (received > maxPayloadBytes) {
                throw ScimException.payloadTooLarge("The request body is larger than the limit of " + maxPayloadBytes
                        + " bytes (see /ServiceProviderConfig)");
            }
            while (buffer.readableByteCount() > 0) {
                int n = Math.min(slice.length, buffer.readableByteCount());
                buffer.read(slice, 0, n);
                int brace = checkCommas ? commas.trailingCommaBrace(slice, n) : -1;
                int valid = brace < 0 ? n : brace;
                if (valid > 0) {
                    feeder.feedInput(slice, 0, valid);
                    drain();
                }
                if (brace >= 0) {
                    throw ScimException.invalidSyntax("The body is not valid JSON: Unexpected character ('}' (code 125)):"
                            + " was expecting double-quote to start property name" + JsonSyntaxErrors.where(parser.currentLocation()));
                }
            }
        }

        /** The end of the body: the last tokens, then the document as read. */
        BulkRequestBody end() {
            if (received == 0) {
                throw ScimException.invalidSyntax("The request body is empty; send a JSON object");
            }
            feeder.endOfInput();
            drain();
            if (state == State.ROOT) {
                throw notAnObject();
            }
            if (state != State.DONE) {
                throw ScimException.invalidSyntax("The body is not valid JSON: unexpected end-of-input"
                        + JsonSyntaxErrors.where(parser.currentLocation()));
            }
            if (operations == null) {
                throw ScimException.invalidSyntax("A BulkRequest needs an 'Operations' array (schema "
                        + BulkService.REQUEST_SCHEMA + ")");
            }
            return new BulkRequestBody(failOnErrors(), operations);
        }

        /** Takes every token the input fed so far completes; the parser keeps partial ones itself. */
        private void drain() {
            JsonToken token;
            while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
                accept(token);
            }
        }

        private void accept(JsonToken token) {
            switch (state) {
                case ROOT -> {
                    if (token != JsonToken.START_OBJECT) {
                        throw notAnObject();
                    }
                    state = State.TOP;
                }
                case TOP -> {
                    if (token == JsonToken.END_OBJECT) {
                        state = State.DONE;
                    } else {
                        key = keyOf(parser.currentName());
                        state = State.VALUE;
                    }
                }
                case VALUE -> value(token);
                case OPERATIONS -> {
                    if (token == JsonToken.END_ARRAY) {
                        state = State.TOP;
                        return;
                    }
                    List<JsonNode> list = operations;
                    if (list != null && list.size() >= maxOperations) {
                        throw ScimException.payloadTooLarge("The bulk request has more than " + maxOperations
                                + " operations; the maximum is " + maxOperations + " (see /ServiceProviderConfig)");
                    }
                    TokenBuffer buffer = TokenBuffer.forBuffering(parser, context);
                    buffer.copyCurrentEvent(parser);
                    if (token.isStructStart()) {
                        operation = buffer;
                        depth = 1;
                        state = State.OPERATION;
                    } else {
                        add(buffer);
                    }
                }
                case OPERATION -> {
                    TokenBuffer buffer = operation;
                    if (buffer == null) {
                        throw new IllegalStateException("No operation is being read");
                    }
                    buffer.copyCurrentEvent(parser);
                    if (token.isStructStart()) {
                        depth++;
                    } else if (token.isStructEnd() && --depth == 0) {
                        operation = null;
                        add(buffer);
                        state = State.OPERATIONS;
                    }
                }
                case SKIP -> {
                    if (token.isStructStart()) {
                        depth++;
                    } else if (token.isStructEnd() && --depth == 0) {
                        state = State.TOP;
                    }
                }
                case DONE -> throw ScimException.invalidSyntax("The body is not valid JSON: content after the end"
                        + " of the object" + JsonSyntaxErrors.where(parser.currentTokenLocation()));
            }
        }

        /** The value of a top-level key. */
        private void value(JsonToken token) {
            switch (key) {
                case OPERATIONS -> {
                    if (token == JsonToken.START_ARRAY) {
                        operations = new ArrayList<>();
                        state = State.OPERATIONS;
                        return;
                    }
                    operations = null;
                }
                case FAIL_ON_ERRORS -> failOnErrors = token.isScalarValue() ? scalar() : json.createObjectNode();
                case OTHER -> { }
            }
            if (token.isStructStart()) {
                depth = 1;
                state = State.SKIP;
            } else {
                state = State.TOP;
            }
        }

        private void add(TokenBuffer buffer) {
            List<JsonNode> list = operations;
            if (list != null) {
                list.add(tree(buffer));
            }
        }

        private JsonNode scalar() {
            TokenBuffer buffer = TokenBuffer.forBuffering(parser, context);
            buffer.copyCurrentEvent(parser);
            return tree(buffer);
        }

        private JsonNode tree(TokenBuffer buffer) {
            try (buffer; JsonParser tokens = buffer.asParser(context)) {
                JsonNode node = json.readTree(tokens);
                return node == null ? NullNode.getInstance() : node;
            }
        }

        /** As {@link BulkService} reads it: absent or null is 0, else a non-negative int. */
        private int failOnErrors() {
            JsonNode value = failOnErrors;
            if (value == null || value.isNull()) {
                return 0;
            }
            if (!value.canConvertToInt() || value.asInt() < 0) {
                throw ScimException.invalidValue("'failOnErrors' must be a non-negative integer");
            }
            return value.asInt();
        }

        /** What a failure while parsing means for the client: malformed JSON is its error, anything else a fault. */
        Throwable errorOf(RuntimeException e) {
            if (e instanceof JacksonException jackson) {
                return ScimException.invalidSyntax(JsonSyntaxErrors.describe("The body", jackson));
            }
            return e;
        }

        void close() {
            try {
                parser.close();
            } catch (JacksonException ignored) {
                // Nothing is left to read from it.
            }
        }

        private static Key keyOf(@Nullable String name) {
            if ("Operations".equalsIgnoreCase(name)) {
                return Key.OPERATIONS;
            }
            if ("failOnErrors".equalsIgnoreCase(name)) {
                return Key.FAIL_ON_ERRORS;
            }
            return Key.OTHER; // schemas included: it is not checked, as before
        }

        private static ScimException notAnObject() {
            return ScimException.invalidSyntax("The body must be a JSON object");
        }
    }

    /**
     * Finds a closing brace right after a comma, as in {@code {"a":1,}}, outside strings. Jackson's
     * non-blocking parser (3.1) lets one through when its input ends between the comma and the brace,
     * which a body split into buffers does at random; the blocking parser always refuses it. This
     * tracks only whether a byte is inside a string, so it needs quotes to mean strings (strict JSON).
     */
    private static final class CommaCheck {

        private boolean inString;
        private boolean escaped;
        private boolean afterComma;

        /** The index in {@code bytes} of such a brace, or -1; what comes after it is not looked at. */
        int trailingCommaBrace(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (b == '\\') {
                        escaped = true;
                    } else if (b == '"') {
                        inString = false;
                    }
                    continue;
                }
                switch (b) {
                    case ' ', '\t', '\n', '\r' -> { }
                    case ',' -> afterComma = true;
                    case '}' -> {
                        if (afterComma) {
                            return i;
                        }
                    }
                    case '"' -> {
                        inString = true;
                        afterComma = false;
                    }
                    default -> afterComma = false;
                }
            }
            return -1;
        }
    }
}
