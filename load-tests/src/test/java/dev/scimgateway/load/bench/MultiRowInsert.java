package dev.scimgateway.load.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Writes user rows with multi-row INSERT statements of {@value #ROWS_PER_STATEMENT} rows, each its
 * own committed transaction: what a well-batched application can do over the same protocol.
 */
final class MultiRowInsert {

    static final int ROWS_PER_STATEMENT = 1_000;

    private MultiRowInsert() {}

    static void insert(Connection connection, String tenant, String userNamePrefix, int count) throws SQLException {
        Timestamp now = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
        for (int from = 0; from < count; from += ROWS_PER_STATEMENT) {
            int rows = Math.min(ROWS_PER_STATEMENT, count - from);
            try (var statement = connection.prepareStatement(sql(rows))) {
                int p = 1;
                for (int i = from; i < from + rows; i++) {
                    String userName = UserRows.userName(userNamePrefix, i);
                    statement.setString(p++, tenant);
                    statement.setObject(p++, UserRows.id(tenant, i));
                    statement.setString(p++, userName);
                    statement.setString(p++, "00u" + i);
                    statement.setString(p++, "Given" + i + " Family" + i);
                    statement.setString(p++, UserRows.document(userName, i));
                    statement.setTimestamp(p++, now);
                    statement.setTimestamp(p++, now);
                }
                statement.executeUpdate();
            }
        }
    }

    private static String sql(int rows) {
        var sql = new StringBuilder("INSERT INTO scim_user (tenant_id, id, user_name, external_id, display_name, active,"
                + " doc, created_at, last_modified, version) VALUES ");
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "" : ",").append("(?, ?, ?, ?, ?, true, ?::jsonb, ?, ?, 1)");
        }
        return sql.toString();
    }
}
