package dev.scimgateway.connections;

import dev.scimgateway.observability.ThrottledWarning;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the connections of one server. At the limit the server stops accepting: new connections
 * wait in the operating system's accept queue, as with Tomcat's maxConnections, and are taken in
 * turn as open ones close (the timeouts of {@link SlowClientTimeouts} and the idle timeout see to
 * it that they do). A connection accepted before accepting stopped, which can happen to the few
 * the acceptor takes in one go, is closed at once, so the bound holds exactly.
 */
public final class ConnectionLimit {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimit.class);

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final ThrottledWarning reached = new ThrottledWarning(log, Duration.ofMinutes(1));

    public ConnectionLimit(int max) {
        this.max = max;
    }

    /** Counts a newly accepted connection, until it closes. */
    public void admit(Channel connection) {
        Channel server = connection.parent();
        int now = open.incrementAndGet();
        connection.closeFuture().addListener(closed -> {
            if (open.getAndDecrement() >= max) {
                adjust(server);
            }
        });
        if (now > max) {
            log.debug("{}: closed, {} connections are open already", connection.remoteAddress(), max);
            connection.close();
        } else if (now == max) {
            reached.warn(() -> "The gateway holds its limit of " + max + " connections"
                    + " (SCIM_GATEWAY_CONNECTIONS_MAX_CONNECTIONS); new ones wait to be accepted until one closes");
            adjust(server);
        }
    }

    /**
     * Accepting is switched on the acceptor's own thread, from the count as it is when the switch
     * runs; every change of the count across the limit asks for a switch, so the last one to run
     * always sees the count as it stays.
     */
    private void adjust(@Nullable Channel server) {
        if (server == null) {
            return;
        }
        server.eventLoop().execute(() -> server.config().setAutoRead(open.get() < max));
    }
}
