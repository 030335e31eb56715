package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.ScimException;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

/**
 * Reactor Netty answers a request its HTTP decoder rejects (a request line longer than
 * {@code server.netty.max-initial-line-length}, headers over {@code server.max-http-request-header-size},
 * a malformed request or chunk) itself, before any route or WebFlux sees it, with an empty body. This
 * handler sits next to the decoder and gives that answer the SCIM error body every other 4xx
 * has; Reactor Netty still chooses the status, logs the failure and closes the connection. It
 * also rejects, the same way, the requests that {@link RequestFraming} refuses and the decoder lets
 * through, with that refusal's status.
 */
public final class DecoderFailureBodies extends ChannelDuplexHandler {

    static final String NAME = "scimDecoderFailureBodies";

    private final ScimErrorHandler errors;
    /** Set by a rejected request, taken by the answer to it; a channel's handler runs on one thread. */
    private @Nullable Throwable rejected;

    private DecoderFailureBodies(ScimErrorHandler errors) {
        this.errors = errors;
    }

    /** Adds one to a new connection, behind its HTTP/1.1 codec (a connection without one is left alone). */
    public static void install(Channel channel, ScimErrorHandler errors) {
        if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
            channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, new DecoderFailureBodies(errors));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            ScimException refusal = RequestFraming.refusal(request);
            if (refusal != null) {
                // Refused the way the decoder refuses: Reactor Netty answers in turn, even behind
                // pipelined requests, and closes the connection, whose framing cannot be trusted.
                request.setDecoderResult(DecoderResult.failure(refusal));
            }
        }
        // A request's content too: a malformed chunk fails the request after its head was accepted.
        if (msg instanceof HttpObject part && part.decoderResult().isFailure()) {
            rejected = part.decoderResult().cause();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        Throwable cause = rejected;
        // Reactor Netty's answer to a rejection: empty, and closing the connection.
        if (cause != null && msg instanceof FullHttpResponse response && !response.content().isReadable()
                && response.headers().contains(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)) {
            rejected = null;
            ctx.write(withBody(response, cause), promise);
            return;
        }
        ctx.write(msg, promise);
    }

    private FullHttpResponse withBody(FullHttpResponse empty, Throwable cause) {
        ScimException error = error(empty.status().code(), cause);
        byte[] body = errors.bytes(error);
        FullHttpResponse answer = empty.replace(Unpooled.wrappedBuffer(body));
        empty.release();
        answer.setStatus(HttpResponseStatus.valueOf(error.status()));
        answer.headers().set(HttpHeaderNames.CONTENT_TYPE, ScimMediaTypes.SCIM_JSON.toString())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return answer;
    }

    private static ScimException error(int status, Throwable cause) {
        if (cause instanceof ScimException refusal) {
            return refusal;
        }
        if (status == 414) {
            return ScimException.uriTooLong("The request line is longer than this gateway accepts; shorten the URI,"
                    + " or send a long filter in the body of a POST to /Users/.search, /Groups/.search or /.search");
        }
        if (status == 431) {
            return ScimException.headersTooLarge("The request headers are larger than this gateway accepts");
        }
        String reason = cause.getMessage();
        return ScimException.badRequest("The request is not valid HTTP/1.1 and was not processed"
                + (reason == null || reason.isBlank() ? "" : ": " + reason));
    }
}
