package dev.scimgateway.observability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Hooks;

/**
 * Errors that reach an operator after its subscriber has finished, which Reactor logs at error
 * with a stack trace. A client that resets its connection mid-body sends one there on every
 * request: Reactor Netty hands the reset to the request body's reader, the error answer finishes
 * the exchange at once, and disposing of the body hands the same reset to the reader again. A
 * client going away is logged at debug here, as everywhere; any other dropped error stays an error.
 */
public final class DroppedErrors {

    private static final Logger log = LoggerFactory.getLogger(DroppedErrors.class);

    private DroppedErrors() {}

    /** Replaces Reactor's default for this JVM; installing it again changes nothing. */
    public static void install() {
        Hooks.onErrorDropped(DroppedErrors::log);
    }

    static void log(Throwable dropped) {
        if (DisconnectedClientHelper.isClientDisconnectedException(dropped)) {
            log.debug("Dropped after its request had ended: the client went away ({})", dropped.toString());
        } else {
            log.error("An error arrived after its subscriber had finished, and was dropped", dropped);
        }
    }
}
