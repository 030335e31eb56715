package dev.scimgateway.edge;

import java.util.concurrent.ThreadLocalRandom;
import org.springframework.web.server.ServerWebExchange;

/**
 * Gives every request an id that the client, the logs and the proxy in front can all quote: the
 * one a trusted proxy sent in {@code X-Request-Id}, or a new one. It is answered on every
 * response that passes the edge, errors included, since the header is set before anything can fail.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final int MAX_LENGTH = 128;

    private final boolean trustIncoming;

    /** @param trustIncoming take the id the client sends: only right behind a proxy that sets it and drops the client's */
    public RequestIds(boolean trustIncoming) {
        this.trustIncoming = trustIncoming;
    }

    /** The request's id, already set on its response. */
    String assign(ServerWebExchange exchange) {
        String incoming = trustIncoming ? exchange.getRequest().getHeaders().getFirst(HEADER) : null;
        String id = incoming != null && isPlain(incoming) ? incoming : generated();
        exchange.getResponse().getHeaders().set(HEADER, id);
        return id;
    }

    /** Visible ASCII only, so that an id can go into a log line or a header as it is. */
    private static boolean isPlain(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** 128 random bits as hex, the shape of a W3C trace id; not a secret, so no SecureRandom. */
    private static String generated() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return toHex(random.nextLong()) + toHex(random.nextLong());
    }

    private static String toHex(long bits) {
        String hex = Long.toHexString(bits);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
