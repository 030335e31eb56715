package dev.scimgateway.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.SortValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MergedOrderTest {

    private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");
    private static final ListQuery.Sort ASCENDING = new ListQuery.Sort(AttrPath.of("displayName"), false);
    private static final ListQuery.Sort DESCENDING = new ListQuery.Sort(AttrPath.of("displayName"), true);

    private static Hit hit(Part part, Object value, int second, UUID id) {
        return new Hit(part, new ResourceRecord(id, JsonMapper.builder().build().createObjectNode(), T.plusSeconds(second),
                T, 1), SortValue.of(value));
    }

    private static List<Hit> sorted(ListQuery.Sort sort, Hit... hits) {
        List<Hit> list = new ArrayList<>(List.of(hits));
        list.sort(MergedOrder.of(sort));
        return list;
    }

    @Test
    void missingValuesComeLastAscendingAndFirstDescending() {
        Hit a = hit(Part.GROUPS, "a", 0, UUID.randomUUID());
        Hit b = hit(Part.USERS, "b", 1, UUID.randomUUID());
        Hit none = hit(Part.USERS, null, 2, UUID.randomUUID());
        assertThat(sorted(ASCENDING, none, b, a)).containsExactly(a, b, none);
        assertThat(sorted(DESCENDING, a, none, b)).containsExactly(none, b, a);
    }

    @Test
    void tiesBreakByPartThenCreationThenIdAsPostgresOrdersUuids() {
        UUID low = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID high = UUID.fromString("ffffffff-0000-0000-0000-000000000000");
        Hit group = hit(Part.GROUPS, "x", 0, low);
        Hit later = hit(Part.USERS, "x", 5, low);
        Hit earlyHigh = hit(Part.USERS, "x", 1, high);
        Hit earlyLow = hit(Part.USERS, "x", 1, low);
        // Signed comparison would put ffffffff… (negative) first.
        assertThat(sorted(DESCENDING, group, later, earlyHigh, earlyLow)).containsExactly(earlyLow, earlyHigh, later, group);
    }

    @Test
    void textComparesByCodePointAsTheCCollationDoes() {
        Hit privateUse = hit(Part.USERS, "\uE000", 0, UUID.randomUUID());
        Hit emoji = hit(Part.USERS, "\uD83D\uDE00", 1, UUID.randomUUID());
        assertThat(sorted(ASCENDING, emoji, privateUse)).containsExactly(privateUse, emoji);
    }
}
