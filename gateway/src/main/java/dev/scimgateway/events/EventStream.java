package dev.scimgateway.events;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One Shared Signals event stream: it belongs to one tenant and carries that tenant's changes only.
 *
 * @param issuer the {@code iss} of its SETs, fixed when it was created, so that SETs delivered with
 *     no request at hand (push) name the same issuer as those polled
 * @param position every change of the tenant up to this sequence number is acknowledged, or is
 *     not one this stream delivers
 * @param ackedAbove changes above {@code position} acknowledged out of order
 */
public record EventStream(UUID id, String tenantId, String issuer, List<String> eventsRequested,
        List<String> eventsDelivered, Delivery delivery, @Nullable String description, Status status,
        @Nullable String reason, long position, List<Long> ackedAbove) {

    public static final String POLL = "urn:ietf:rfc:8936";
    public static final String PUSH = "urn:ietf:rfc:8935";

    public EventStream {
        eventsRequested = List.copyOf(eventsRequested);
        eventsDelivered = List.copyOf(eventsDelivered);
        ackedAbove = List.copyOf(ackedAbove);
    }

    /** SSF 1.0 §8.1.2: enabled streams transmit; paused ones hold their events; disabled ones drop them. */
    public enum Status {
        ENABLED, PAUSED, DISABLED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<Status> of(String wire) {
            for (Status status : values()) {
                if (status.wire().equals(wire)) {
                    return Optional.of(status);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * How SETs reach the receiver. Poll: the receiver asks at the gateway's {@code endpoint_url}.
     * Push: the gateway POSTs to the receiver's {@code endpoint_url} with its
     * {@code authorizationHeader}, a secret the gateway must send back as given, so it is kept as
     * given, never logged and never shown again.
     */
    public record Delivery(String method, @Nullable String endpointUrl, @Nullable String authorizationHeader) {}

    /** The {@code stream_id} of SSF: the id in 32 hex digits. */
    public String streamId() {
        return text(id);
    }

    public static String text(UUID id) {
        return HexFormat.of().toHexDigits(id.getMostSignificantBits()) + HexFormat.of().toHexDigits(id.getLeastSignificantBits());
    }

    /** The id a {@code stream_id} names; empty for anything that is not 32 hex digits. */
    public static Optional<UUID> idOf(@Nullable String streamId) {
        if (streamId == null || streamId.length() != 32 || !streamId.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(new UUID(Long.parseUnsignedLong(streamId, 0, 16, 16), Long.parseUnsignedLong(streamId, 16, 32, 16)));
    }

    public EventStream withStatus(Status status, @Nullable String reason) {
        return new EventStream(id, tenantId, issuer, eventsRequested, eventsDelivered, delivery, description, status,
                reason, position, ackedAbove);
    }
}
