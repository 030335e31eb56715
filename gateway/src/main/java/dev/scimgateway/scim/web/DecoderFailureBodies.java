package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.ScimException;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

/**
 * Reactor Netty answers a request its HTTP decoder rejects (a request line longer than
 * {@code server.netty.max-initial-line-length}, headers over {@code server.max-http-request-header-size},
 * a malformed request) itself, before any route or WebFlux sees it, with an empty body. This
 * handler sits next to the decoder and gives that answer the SCIM error body every other 4xx
 * has; Reactor Netty still chooses the status, logs the failure and closes the connection.
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
        if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
            rejected = request.decoderResult().cause();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        Throwable cause = rejected;
        if (cause != null && msg instanceof FullHttpResponse response && !response.content().isReadable()) {
            rejected = null;
            ctx.write(withBody(response, cause), promise);
            return;
        }
        ctx.write(msg, promise);
    }

    private FullHttpResponse withBody(FullHttpResponse empty, Throwable cause) {
        byte[] body = errors.bytes(error(empty.status().code(), cause));
        FullHttpResponse answer = empty.replace(Unpooled.wrappedBuffer(body));
        empty.release();
        answer.headers().set(HttpHeaderNames.CONTENT_TYPE, ScimMediaTypes.SCIM_JSON.toString())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return answer;
    }

    private static ScimException error(int status, Throwable cause) {
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
