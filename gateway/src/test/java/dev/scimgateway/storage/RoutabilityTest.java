package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The routability rule itself: what it lets through and what it stops, so that the suite-wide check can fail. */
class RoutabilityTest {

    @Test
    void pinnedStatementsPass() {
        assertThat(Routability.problem("SELECT doc FROM scim_user r WHERE r.tenant_id = $1 AND r.id = $2")).isNull();
        assertThat(Routability.problem("INSERT INTO activity (tenant_id, action) SELECT t, a FROM unnest($1::text[],"
                + " $2::text[]) AS x(t, a)")).isNull();
        assertThat(Routability.problem("SELECT m.member_id FROM group_member m LEFT JOIN scim_user u"
                + " ON u.tenant_id = m.tenant_id AND u.id = m.member_user WHERE m.tenant_id = $1")).isNull();
        assertThat(Routability.problem("UPDATE idempotency_record r SET state = 'done' FROM unnest($1::text[],"
                + " $2::text[]) AS x(t, k) WHERE r.tenant_id = x.t AND r.key = x.k")).isNull();
        assertThat(Routability.problem("SELECT id, display_name FROM tenant ORDER BY id")).as("a reference table").isNull();
        assertThat(Routability.problem("SELECT 1 FROM idempotency_record WHERE tenant_id = ANY($1::text[])")).isNull();
    }

    @Test
    void unpinnedStatementsFail() {
        assertThat(Routability.problem("SELECT doc FROM scim_user WHERE id = $1")).contains("scim_user");
        assertThat(Routability.problem("INSERT INTO scim_group (id, doc) VALUES ($1, $2)")).contains("tenant_id");
        assertThat(Routability.problem("SELECT 1 FROM group_member m JOIN scim_user u ON u.id = m.member_user"
                + " WHERE m.tenant_id = $1")).as("a join on the id alone").contains("scim_user u");
        assertThat(Routability.problem("WITH RECURSIVE up(id) AS (SELECT m.group_id FROM group_member m"
                + " WHERE m.tenant_id = $1 UNION SELECT m.group_id FROM group_member m JOIN up ON m.member_group = up.id)"
                + " SELECT id FROM up")).as("one pinned use of an alias does not cover another").contains("group_member m");
        assertThat(Routability.problem("SELECT 1 FROM scim_user u, scim_group g WHERE u.tenant_id = $1"
                + " AND g.tenant_id = $2")).contains("two parameters");
        assertThat(Routability.problem("SELECT 1 FROM scim_user WHERE tenant_id = 'x' OR lower(user_name) = $1"))
                .as("a literal is no parameter").isNotNull();
        assertThat(Routability.problem("DELETE FROM idempotency_record WHERE expires_at < now()")).isNotNull();
    }
}
