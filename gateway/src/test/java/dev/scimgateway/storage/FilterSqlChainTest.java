package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.filter.And;
import dev.scimgateway.scim.protocol.filter.Filter;
import dev.scimgateway.scim.protocol.filter.Or;
import dev.scimgateway.scim.protocol.filter.Present;
import dev.scimgateway.scim.schema.SchemaRegistry;
import org.junit.jupiter.api.Test;

/** The SQL translation walks and/or chains flat: a chain far longer than the parser allows does not overflow. */
class FilterSqlChainTest {

    private static final Present USER_NAME = new Present(AttrPath.of("userName"));
    private static final String PRESENT = "(r.user_name IS NOT NULL AND r.user_name <> '')";

    private static String where(Filter filter) {
        return new FilterSql.Factory().users(new SqlParams(), SchemaRegistry.USER).where(filter);
    }

    @Test
    void longChainsBecomeOneFlatCondition() {
        Filter ands = USER_NAME;
        Filter ors = USER_NAME;
        for (int i = 0; i < 100_000; i++) {
            ands = new And(ands, USER_NAME);
            ors = new Or(ors, USER_NAME);
        }

        assertThat(where(ands)).startsWith(" AND ((" + PRESENT + " AND " + PRESENT + " AND ").endsWith(PRESENT + "))");
        assertThat(where(ors)).startsWith(" AND ((" + PRESENT + " OR " + PRESENT + " OR ").endsWith(PRESENT + "))");
    }

    @Test
    void parenthesesOnTheRightStayNested() {
        Filter nested = new And(USER_NAME, new Or(USER_NAME, USER_NAME));

        assertThat(where(nested)).isEqualTo(" AND ((" + PRESENT + " AND (" + PRESENT + " OR " + PRESENT + ")))");
    }
}
