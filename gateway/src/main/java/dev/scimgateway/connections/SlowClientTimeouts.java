package dev.scimgateway.connections;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.time.Duration;
import reactor.netty.NettyPipeline;

/**
 * Closes the connection of a client too slow to send its request: a request head not complete
 * within {@code requestHeadTimeout} of its first byte (a slowloris trickling its headers), a body
 * from which nothing arrives for {@code bodyReadTimeout} while the gateway waits to read it (a
 * client gone quiet mid-body, an NDJSON stream that went silent and would hold its slots for
 * ever), or the rest of a body the gateway has already answered, still coming {@code bodyReadTimeout}
 * after the answer. A connection with no request in progress is Reactor Netty's idle timeout's.
 *
 * <p>Reactor Netty's own {@code readTimeout} is not used: it counts every pause between reads,
 * and the gateway pauses reading an NDJSON stream itself whenever the database is behind, so it
 * would cut the imports that are slow only because the gateway is busy.
 */
public final class SlowClientTimeouts {

    /** Connections closed, counted by what their client was too slow to send. */
    record Closures(Counter head, Counter body, Counter refusedBody) {}

    private final long headNanos;
    private final long bodyNanos;
    private final Closures closures;

    public SlowClientTimeouts(Duration requestHeadTimeout, Duration bodyReadTimeout, MeterRegistry meters) {
        this.headNanos = requestHeadTimeout.toNanos();
        this.bodyNanos = bodyReadTimeout.toNanos();
        this.closures = new Closures(closed("request_head_timeout").register(meters),
                closed("body_read_timeout").register(meters), closed("refused_body_timeout").register(meters));
    }

    private static Counter.Builder closed(String reason) {
        return Counter.builder("scim.connections.closed")
                .description("Connections the gateway closed because their client was too slow to send its request")
                .tag("reason", reason);
    }

    /** Puts a clock around the codec of a new HTTP/1.1 connection; a connection without one is left alone. */
    public void install(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NettyPipeline.HttpCodec) == null) {
            return;
        }
        RequestClock clock = new RequestClock(headNanos, bodyNanos, closures);
        pipeline.addBefore(NettyPipeline.HttpCodec, "scimRequestBytes", clock.bytes());
        pipeline.addAfter(NettyPipeline.HttpCodec, "scimRequestParts", clock.parts());
    }
}
