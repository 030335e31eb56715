package dev.scimgateway.connections;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's clock: what its client owes the gateway now and since when. It has two
 * handlers, one each side of the HTTP codec: only before it are the first bytes of a head seen,
 * and only after it the end of a head, of a body or of a response. A channel's handlers all run
 * on its one event-loop thread, so the state needs no locking.
 */
final class RequestClock {

    private static final Logger log = LoggerFactory.getLogger(RequestClock.class);

    private enum Owed {
        NOTHING,
        /** The rest of a request head, in all within the head timeout. */
        HEAD,
        /** More of a body the gateway is reading: silence is bounded, not the length. */
        BODY,
        /**
         * The rest of a body the gateway answered without reading it all (401, 413, 429, 503), which
         * Reactor Netty reads only to throw away: bounded in all, or a client trickling a body it was
         * refused would keep its connection for ever.
         */
        REFUSED_BODY
    }

    private final long headNanos;
    private final long bodyNanos;
    private final SlowClientTimeouts.Closures closures;
    private final ChannelHandler bytes = new Bytes();
    private final ChannelHandler parts = new Parts();
    private Owed owed = Owed.NOTHING;
    /** HEAD and REFUSED_BODY: when they began. BODY: when the gateway last asked the socket for more. */
    private long since;
    private @Nullable ScheduledFuture<?> check;
    /** Requests whose head came, and responses that ended: equal when the last request has its answer. */
    private long requests;
    private long answers;

    RequestClock(long headNanos, long bodyNanos, SlowClientTimeouts.Closures closures) {
        this.headNanos = headNanos;
        this.bodyNanos = bodyNanos;
        this.closures = closures;
    }

    ChannelHandler bytes() {
        return bytes;
    }

    ChannelHandler parts() {
        return parts;
    }

    /** Before the codec: bytes while nothing is owed are the start of the next request's head. */
    private final class Bytes extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (owed == Owed.NOTHING) {
                owe(ctx, Owed.HEAD);
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            stop();
            ctx.fireChannelInactive();
        }
    }

    /** After the codec: a head is followed by its body, if it has one, and then nothing is owed. */
    private final class Parts extends ChannelDuplexHandler {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                requests++;
            }
            if (msg instanceof LastHttpContent) {
                // A FullHttpRequest too: a head and its whole body at once.
                stop();
            } else if (msg instanceof HttpRequest) {
                owe(ctx, Owed.BODY);
            }
            ctx.fireChannelRead(msg);
        }

        /** The gateway asks for more: silence counts from here. */
        @Override
        public void read(ChannelHandlerContext ctx) {
            if (owed == Owed.BODY) {
                since = System.nanoTime();
            }
            ctx.read();
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof LastHttpContent && !isInterim(msg)) {
                answers++;
                if (owed == Owed.BODY && answers == requests) {
                    owe(ctx, Owed.REFUSED_BODY);
                }
            }
            ctx.write(msg, promise);
        }

        /** A 100 Continue is a whole response too, but the request's answer is still to come. */
        private static boolean isInterim(Object msg) {
            return msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        }
    }

    private void owe(ChannelHandlerContext ctx, Owed what) {
        stop();
        owed = what;
        since = System.nanoTime();
        schedule(ctx, what == Owed.HEAD ? headNanos : bodyNanos);
    }

    private void stop() {
        owed = Owed.NOTHING;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void schedule(ChannelHandlerContext ctx, long nanos) {
        check = ctx.executor().schedule(() -> check(ctx), nanos, TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        check = null;
        if (owed == Owed.NOTHING || !ctx.channel().isActive()) {
            return;
        }
        long limit = owed == Owed.HEAD ? headNanos : bodyNanos;
        long now = System.nanoTime();
        if (owed == Owed.BODY && !ctx.channel().config().isAutoRead()) {
            // The gateway is not reading: a stream is read only as fast as its operations are
            // applied, and a request body not before its handler wants it. The pause is the gateway's.
            since = now;
            schedule(ctx, limit);
            return;
        }
        long waited = now - since;
        if (waited < limit) {
            schedule(ctx, limit - waited);
            return;
        }
        (switch (owed) {
            case HEAD -> closures.head();
            case BODY -> closures.body();
            default -> closures.refusedBody();
        }).increment();
        log.debug("{}: closed, {} for {} ms", ctx.channel().remoteAddress(), switch (owed) {
            case HEAD -> "its request head was not complete";
            case BODY -> "the client sent nothing more of its request body";
            default -> "the client went on sending a request body that was answered already";
        }, TimeUnit.NANOSECONDS.toMillis(waited));
        stop();
        ctx.close();
    }
}
