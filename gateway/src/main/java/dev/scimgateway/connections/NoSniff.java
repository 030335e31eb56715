package dev.scimgateway.connections;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AsciiString;
import reactor.netty.NettyPipeline;

/**
 * {@code X-Content-Type-Options: nosniff} on every response, so that no browser takes a JSON
 * body, an error's included, for something it should render or run. Set here, next to the codec,
 * it also reaches the answers Reactor Netty and the gateway's own Netty routes write without
 * WebFlux (a request the decoder refused, a request target that is not a URI), which no WebFilter sees.
 */
@ChannelHandler.Sharable
public final class NoSniff extends ChannelOutboundHandlerAdapter {

    private static final AsciiString NAME = AsciiString.cached("X-Content-Type-Options");
    private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");
    private static final NoSniff INSTANCE = new NoSniff();

    private NoSniff() {}

    /** Adds it behind the HTTP/1.1 codec of a new connection; a connection without one is left alone. */
    public static void install(Channel channel) {
        if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
            channel.pipeline().addAfter(NettyPipeline.HttpCodec, "scimNoSniff", INSTANCE);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && response.status().code() >= 200) {
            response.headers().set(NAME, NOSNIFF);
        }
        ctx.write(msg, promise);
    }
}
