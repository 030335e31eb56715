package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.storage.Database;
import dev.scimgateway.support.EmbeddedDatabases;
import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Retention deletes the rows older than it, and only those, a batch at a time. */
class ActivityRetentionTest extends GatewayTest {

    @Autowired
    ActivityLog log;

    @Autowired
    Database database;

    /** The real log, counting the DELETE statements retention makes. */
    private record CountingLog(ActivityLog log, AtomicInteger deletes) implements ActivityLog {
        @Override
        public Mono<Void> appendRefusals(List<Refusal> refusals) {
            return log.appendRefusals(refusals);
        }

        @Override
        public Flux<ActivityEntry> newestFirst(ActivityQuery query) {
            return log.newestFirst(query);
        }

        @Override
        public Flux<HourlyActivity> hourly(String tenantId, Instant since) {
            return log.hourly(tenantId, since);
        }

        @Override
        public Mono<Long> deleteOldest(Instant cutoff, int batch) {
            deletes.incrementAndGet();
            return log.deleteOldest(cutoff, batch);
        }
    }

    private long countOlderThan(Instant moment) throws SQLException {
        try (Connection connection = EmbeddedDatabases.connect(database, dataDir(), "postgres");
                PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM activity WHERE at < ?")) {
            count.setObject(1, moment.atOffset(ZoneOffset.UTC));
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private List<String> refuse(ScimClient idp, int n) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String path = "/Users/" + UUID.randomUUID();
            idp.get(path).expectStatus().isNotFound();
            paths.add("/scim/v2" + path);
        }
        return paths;
    }

    @Test
    void deletesOnlyRowsOlderThanTheRetentionInBatches() throws Exception {
        ActivityApi api = new ActivityApi(http, ADMIN_TOKEN);
        ScimClient idp = newScimClient("retention");
        List<String> old = refuse(idp, 5);
        api.awaitRows(idp.tenantId(), "", rows -> rows.size() >= 5);
        Thread.sleep(1100);
        Instant boundary = Instant.now();
        Thread.sleep(1100);
        List<String> young = refuse(idp, 3);
        List<JsonNode> before = api.awaitRows(idp.tenantId(), "", rows -> rows.size() >= 8);
        assertThat(before).hasSize(8);

        // The other test classes of this JVM left rows older than the boundary too: they expire as well.
        long expired = countOlderThan(boundary);
        assertThat(expired).isGreaterThanOrEqualTo(5);

        Duration retention = Duration.ofDays(30);
        AtomicInteger deletes = new AtomicInteger();
        int batch = 2 + (int) (expired / 200);
        var cleanup = new ActivityRetention(new CountingLog(log, deletes), retention, batch,
                Clock.fixed(boundary.plus(retention), ZoneOffset.UTC));
        long deleted = 0;
        for (long run = -1; run != 0; deleted += run) {
            run = cleanup.deleteExpired().block(Duration.ofSeconds(60));
        }

        List<String> left = api.all(idp.tenantId(), "").stream().map(row -> row.get("path").stringValue()).toList();
        assertThat(left).containsExactlyInAnyOrderElementsOf(young).doesNotContainAnyElementsOf(old);
        assertThat(deleted).isEqualTo(expired);
        assertThat(countOlderThan(boundary)).isZero();
        // Never one DELETE for all: a statement per batch, each full but the last of a run.
        assertThat(deletes.get()).isGreaterThanOrEqualTo((int) ((expired + batch - 1) / batch));
    }
}
