package dev.scimgateway.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.CursorCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RootCursorsTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final ResourceRecord last = new ResourceRecord(UUID.randomUUID(), JsonMapper.builder().build().createObjectNode(),
            NOW.minusSeconds(5).truncatedTo(ChronoUnit.MICROS), NOW, 1);

    private static RootCursors at(Instant now, String tenant, String filter) {
        return new RootCursors(new CursorCodec(KEY, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(1)), tenant, filter);
    }

    @Test
    void namesThePartAndThePositionWithin() {
        for (Part part : Part.values()) {
            RootCursors.Position position = at(NOW, "acme", "").decode(at(NOW, "acme", "").after(part, last));
            assertThat(position.part()).isEqualTo(part);
            assertThat(position.after().created()).isEqualTo(last.created());
            assertThat(position.after().id()).isEqualTo(last.id());
        }
    }

    @Test
    void isBoundToTenantAndFilterAndApartFromPerTypeCursors() {
        String cursor = at(NOW, "acme", "").after(Part.GROUPS, last);
        expect(() -> at(NOW, "other", "").decode(cursor), "invalidCursor");
        expect(() -> at(NOW, "acme", "displayName pr").decode(cursor), "invalidCursor");
        CursorCodec codec = new CursorCodec(KEY, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
        String perType = codec.encode(new ListQuery.Position(last.created(), last.id(), ListQuery.Position.UNCOUNTED),
                "Group\nacme\n");
        expect(() -> at(NOW, "acme", "").decode(perType), "invalidCursor");
        expect(() -> codec.decode(cursor, "Group\nacme\n"), "invalidCursor");
    }

    @Test
    void expiresLikeAnyCursor() {
        String cursor = at(NOW, "acme", "").after(Part.USERS, last);
        expect(() -> at(NOW.plus(Duration.ofHours(2)), "acme", "").decode(cursor), "expiredCursor");
    }

    private static void expect(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String scimType) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ScimException.class,
                e -> assertThat(e.scimType().wireName()).isEqualTo(scimType));
    }
}
