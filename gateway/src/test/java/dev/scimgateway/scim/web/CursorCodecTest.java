package dev.scimgateway.scim.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ScimException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final ListQuery.Position position = new ListQuery.Position(NOW.minusSeconds(5).truncatedTo(ChronoUnit.MICROS),
            UUID.randomUUID(), 1_000_000);

    private static CursorCodec at(Instant now) {
        return new CursorCodec(KEY, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(1));
    }

    @Test
    void roundTripsWithinItsScope() {
        String cursor = at(NOW).encode(position, "User\nacme\n");
        assertThat(at(NOW.plusSeconds(60)).decode(cursor, "User\nacme\n")).isEqualTo(position);
    }

    @Test
    void expires() {
        String cursor = at(NOW).encode(position, "scope");
        assertThatThrownBy(() -> at(NOW.plus(Duration.ofHours(2))).decode(cursor, "scope"))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType().wireName()).isEqualTo("expiredCursor"));
    }

    @Test
    void refusesOtherScopesKeysAndGarbage() {
        String cursor = at(NOW).encode(position, "User\nacme\n");
        for (String bad : new String[] {"", "!!!", cursor.substring(1), cursor + "A"}) {
            assertThatThrownBy(() -> at(NOW).decode(bad, "User\nacme\n")).isInstanceOf(ScimException.class);
        }
        assertThatThrownBy(() -> at(NOW).decode(cursor, "User\nother\n"))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType().wireName()).isEqualTo("invalidCursor"));
        var otherKey = new CursorCodec("fedcba9876543210fedcba9876543210".getBytes(), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofHours(1));
        assertThatThrownBy(() -> otherKey.decode(cursor, "User\nacme\n")).isInstanceOf(ScimException.class);
    }
}
