package dev.scimgateway.scim.web;

import dev.scimgateway.crypto.Sha256;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ScimException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * RFC 9865 cursors: opaque to clients, tamper-proof and bound to what they page through. A cursor
 * carries the (created, id) position where the previous page ended, the total counted on the
 * walk's first page, and when it was issued; its
 * MAC also covers the tenant, the resource type and the filter, so it cannot be replayed by
 * another tenant or against another query.
 */
public final class CursorCodec {

    private static final int MAC_BYTES = 16;
    private static final int PAYLOAD_BYTES = 8 + 16 + 8 + 8;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final Clock clock;
    private final Duration timeout;

    public CursorCodec(byte[] key, Clock clock, Duration timeout) {
        this.key = key.clone();
        this.clock = clock;
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    public String encode(ListQuery.Position position, String scope) {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES);
        payload.putLong(ChronoUnit.MICROS.between(Instant.EPOCH, position.created()));
        payload.putLong(position.id().getMostSignificantBits()).putLong(position.id().getLeastSignificantBits());
        payload.putLong(position.total());
        payload.putLong(clock.instant().getEpochSecond());
        byte[] body = payload.array();
        byte[] token = Arrays.copyOf(body, PAYLOAD_BYTES + MAC_BYTES);
        System.arraycopy(mac(body, scope), 0, token, PAYLOAD_BYTES, MAC_BYTES);
        return ENCODER.encodeToString(token);
    }

    /** The position a cursor names; {@code scope} must be the one it was issued for. */
    public ListQuery.Position decode(String cursor, String scope) {
        return decode(cursor, List.of(scope)).position();
    }

    /** A decoded cursor: which of the candidate scopes it was issued for, and its position. */
    public record Decoded(int scope, ListQuery.Position position) {}

    /**
     * The position a cursor names and which of {@code scopes} it was issued for: a listing made of
     * parts tells the part by the scope, so the cursor stays as small and opaque as any other.
     */
    public Decoded decode(String cursor, List<String> scopes) {
        byte[] token;
        try {
            token = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (token.length != PAYLOAD_BYTES + MAC_BYTES) {
            throw invalid();
        }
        byte[] body = Arrays.copyOf(token, PAYLOAD_BYTES);
        byte[] mac = Arrays.copyOfRange(token, PAYLOAD_BYTES, token.length);
        int scope = 0;
        while (scope < scopes.size() && !MessageDigest.isEqual(mac, mac(body, scopes.get(scope)))) {
            scope++;
        }
        if (scope == scopes.size()) {
            throw invalid();
        }
        ByteBuffer payload = ByteBuffer.wrap(body);
        Instant created = Instant.EPOCH.plus(payload.getLong(), ChronoUnit.MICROS);
        UUID id = new UUID(payload.getLong(), payload.getLong());
        long total = payload.getLong();
        Instant issued = Instant.ofEpochSecond(payload.getLong());
        if (issued.plus(timeout).isBefore(clock.instant())) {
            throw ScimException.expiredCursor("The cursor has expired (cursors live " + timeout.toSeconds()
                    + " s); start again with cursor= empty");
        }
        return new Decoded(scope, new ListQuery.Position(created, id, total));
    }

    private byte[] mac(byte[] body, String scope) {
        return Arrays.copyOf(Sha256.hmac(key, scope.getBytes(StandardCharsets.UTF_8), new byte[1], body), MAC_BYTES);
    }

    private static ScimException invalid() {
        return ScimException.invalidCursor("The cursor is not one this gateway issued for this query;"
                + " use the nextCursor of the previous page, or cursor= empty for the first page");
    }
}
