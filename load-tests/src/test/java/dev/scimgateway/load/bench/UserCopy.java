package dev.scimgateway.load.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/** Writes user rows with COPY: the fastest way PostgreSQL takes rows, hence the physical ceiling. */
final class UserCopy {

    private static final int ROWS_PER_CHUNK = 5_000;

    private UserCopy() {}

    static void createTenant(Connection connection, String tenant) throws SQLException {
        try (var insert = connection.prepareStatement("INSERT INTO tenant (id, display_name) VALUES (?, ?)")) {
            insert.setString(1, tenant);
            insert.setString(2, "Benchmark " + tenant);
            insert.executeUpdate();
        }
    }

    /** Copies rows {@code 0..count-1} of the tenant in one COPY statement (one transaction). */
    static void copy(Connection connection, String tenant, String userNamePrefix, int count) throws SQLException, IOException {
        var copier = connection.unwrap(PGConnection.class).getCopyAPI();
        var copyIn = copier.copyIn("COPY scim_user (tenant_id, id, user_name, external_id, display_name, active, doc,"
                + " created_at, last_modified, version) FROM STDIN WITH (FORMAT csv)");
        try {
            for (int from = 0; from < count; from += ROWS_PER_CHUNK) {
                byte[] chunk = csv(tenant, userNamePrefix, from, Math.min(count, from + ROWS_PER_CHUNK))
                        .getBytes(StandardCharsets.UTF_8);
                copyIn.writeToCopy(chunk, 0, chunk.length);
            }
            copyIn.endCopy();
        } finally {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
    }

    private static String csv(String tenant, String prefix, int from, int to) {
        var rows = new StringBuilder((to - from) * 400);
        for (int i = from; i < to; i++) {
            String userName = UserRows.userName(prefix, i);
            rows.append(tenant).append(',').append(UserRows.id(tenant, i)).append(',').append(userName)
                    .append(",00u").append(i).append(",Given").append(i).append(" Family").append(i)
                    .append(",t,").append(quoted(UserRows.document(userName, i)))
                    .append(",2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,1\n");
        }
        return rows.toString();
    }

    private static String quoted(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** Makes users {@code from..to-1} of the tenant members of the group, in one COPY sent in chunks. */
    static void copyMembers(Connection connection, String tenant, String groupId, int from, int to) throws SQLException, IOException {
        var copyIn = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY group_member (tenant_id, group_id, member_id) FROM STDIN WITH (FORMAT csv)");
        try {
            for (int chunkFrom = from; chunkFrom < to; chunkFrom += ROWS_PER_CHUNK) {
                var rows = new StringBuilder(ROWS_PER_CHUNK * 90);
                for (int i = chunkFrom; i < Math.min(to, chunkFrom + ROWS_PER_CHUNK); i++) {
                    rows.append(tenant).append(',').append(groupId).append(',').append(UserRows.id(tenant, i)).append('\n');
                }
                byte[] chunk = rows.toString().getBytes(StandardCharsets.UTF_8);
                copyIn.writeToCopy(chunk, 0, chunk.length);
            }
            copyIn.endCopy();
        } finally {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
    }
}
