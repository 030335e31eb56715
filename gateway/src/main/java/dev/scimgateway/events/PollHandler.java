package dev.scimgateway.events;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.JsonBodies;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 8936 poll delivery at {@code /events/v1/streams/{stream_id}/sets}. Acknowledgements are
 * recorded first, then the next SETs are read from the log in sequence order, starting above the
 * stream's position and skipping what was acknowledged out of order: what was delivered and not
 * acknowledged is delivered again, as the same SET ids. A long poll holds no thread: it reads again
 * on a timer until it finds something or its wait is over.
 */
public final class PollHandler {

    private static final Logger log = LoggerFactory.getLogger(PollHandler.class);

    /**
     * Acknowledged SETs a stream keeps beyond one it has not acknowledged. Past this many, a poll
     * delivers only SETs below the newest acknowledged (the ones the receiver still owes an ack),
     * so a receiver that never acknowledges one SET cannot grow the stream's row without bound.
     */
    static final int MAX_ACKED_AHEAD = 1000;

    /** What the poll settings are. */
    public record Settings(int defaultMaxEvents, int maxEvents, Duration longPollWait, Duration recheck) {}

    private final StreamStore streams;
    private final ChangeFeed feed;
    private final SecurityEventTokens sets;
    private final JsonBodies bodies;
    private final JsonMapper json;
    private final Settings settings;

    public PollHandler(StreamStore streams, ChangeFeed feed, SecurityEventTokens sets, JsonBodies bodies, JsonMapper json,
            Settings settings) {
        this.streams = streams;
        this.feed = feed;
        this.sets = sets;
        this.bodies = bodies;
        this.json = json;
        this.settings = settings;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route().POST(FeedPaths.STREAMS + "/{streamId}" + FeedPaths.POLL_SUFFIX, this::poll).build();
    }

    private Mono<ServerResponse> poll(ServerRequest request) {
        String tenant = StreamHandler.tenant(request);
        String streamId = request.pathVariable("streamId");
        UUID id = EventStream.idOf(streamId).orElse(null);
        if (id == null) {
            return Mono.error(StreamHandler.noStream(streamId));
        }
        return bodies.readObject(request)
                .map(body -> PollRequest.parse(body, settings.defaultMaxEvents(), settings.maxEvents()))
                .flatMap(poll -> streams.find(tenant, id)
                        .switchIfEmpty(Mono.error(() -> StreamHandler.noStream(streamId)))
                        .flatMap(stream -> EventStream.POLL.equals(stream.delivery().method()) ? Mono.just(stream)
                                // Its SETs go to the receiver's endpoint; a poll beside the pushes would race them.
                                : Mono.error(ScimException.invalidValue("Stream " + streamId + " delivers by push ("
                                        + EventStream.PUSH + "); change its delivery to poll to poll it")))
                        .flatMap(stream -> settle(stream, poll))
                        .flatMap(stream -> deliver(stream, poll)))
                .flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore()).bodyValue(body));
    }

    private Mono<EventStream> settle(EventStream stream, PollRequest poll) {
        List<String> settled = poll.settled();
        if (settled.isEmpty()) {
            return Mono.just(stream);
        }
        if (!poll.errors().isEmpty()) {
            log.info("Receiver of stream {} reported {} SET(s) it could not process: {}", stream.streamId(),
                    poll.errors().size(), poll.errors());
        }
        List<Long> seqs = settled.stream().map(jti -> SecurityEventTokens.seqOf(stream, jti))
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).toList();
        return seqs.isEmpty() ? Mono.just(stream)
                : streams.acknowledge(stream.tenantId(), stream.id(), seqs, ScimEvents.actions(stream.eventsDelivered()))
                        .switchIfEmpty(Mono.error(() -> StreamHandler.noStream(stream.streamId())));
    }

    /** A paused or disabled stream delivers nothing (SSF 1.0 §8.1.2); a poll of {@code maxEvents: 0} only acknowledges. */
    private Mono<ObjectNode> deliver(EventStream stream, PollRequest poll) {
        if (poll.maxEvents() == 0 || stream.status() != EventStream.Status.ENABLED) {
            return Mono.just(body(List.of(), false));
        }
        Mono<List<Change>> read = Mono.defer(() -> pending(stream, poll.maxEvents() + 1));
        Mono<List<Change>> found = poll.returnImmediately() ? read
                : read.filter(changes -> !changes.isEmpty())
                        .repeatWhenEmpty(ticks -> ticks.concatMap(tick -> Mono.delay(settings.recheck())))
                        .timeout(settings.longPollWait(), Mono.just(List.of()));
        return found.flatMap(changes -> Flux.fromIterable(changes.subList(0, Math.min(changes.size(), poll.maxEvents())))
                .concatMap(change -> sets.issue(stream, change))
                .collectList()
                .map(issued -> body(issued, changes.size() > poll.maxEvents())));
    }

    private Mono<List<Change>> pending(EventStream stream, int limit) {
        List<Long> ahead = stream.ackedAbove();
        long below = ahead.size() >= MAX_ACKED_AHEAD ? Collections.max(ahead) : Long.MAX_VALUE;
        return feed.pending(stream.tenantId(), stream.position(), below, ahead,
                ScimEvents.actions(stream.eventsDelivered()), limit).collectList();
    }

    private ObjectNode body(List<SecurityEventTokens.Issued> issued, boolean more) {
        ObjectNode out = json.createObjectNode();
        ObjectNode setsNode = out.putObject("sets");
        issued.forEach(set -> setsNode.put(set.jti(), set.token()));
        out.put("moreAvailable", more);
        return out;
    }
}
