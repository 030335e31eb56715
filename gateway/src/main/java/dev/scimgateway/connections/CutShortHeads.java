package dev.scimgateway.connections;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.NettyPipeline;

/**
 * A request head cut short because its connection closed, by a client that hung up or by the
 * {@link SlowClientTimeouts}, is nobody's to answer. The codec still hands it on as a failed
 * request, which Reactor Netty would answer into the closed connection and log at warn, one line
 * per connection: five hundred slowloris connections cut at once would be five hundred warnings.
 * It is dropped here and logged at debug.
 */
@ChannelHandler.Sharable
public final class CutShortHeads extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(CutShortHeads.class);
    private static final CutShortHeads INSTANCE = new CutShortHeads();

    private CutShortHeads() {}

    /** Adds it behind the HTTP/1.1 codec of a new connection; a connection without one is left alone. */
    public static void install(Channel channel) {
        if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
            channel.pipeline().addAfter(NettyPipeline.HttpCodec, "scimCutShortHeads", INSTANCE);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isFailure()
                && request.decoderResult().cause() instanceof PrematureChannelClosureException) {
            log.debug("{}: closed before its request head was complete", ctx.channel().remoteAddress());
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
