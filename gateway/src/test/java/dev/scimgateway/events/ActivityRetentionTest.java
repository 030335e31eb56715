package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
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
        public Mono<Long> deleteOldest(Instant cutoff, int batch) {
            deletes.incrementAndGet();
            return log.deleteOldest(cutoff, batch);
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
    void deletesOnlyRowsOlderThanTheRetentionInBatches() throws InterruptedException {
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

        Duration retention = Duration.ofDays(30);
        AtomicInteger deletes = new AtomicInteger();
        var cleanup = new ActivityRetention(new CountingLog(log, deletes), retention, 2, Duration.ofHours(1),
                Clock.fixed(boundary.plus(retention), ZoneOffset.UTC));
        long deleted = cleanup.deleteExpired().block(Duration.ofSeconds(30));

        List<String> left = api.all(idp.tenantId(), "").stream().map(row -> row.get("path").stringValue()).toList();
        assertThat(left).containsExactlyInAnyOrderElementsOf(young).doesNotContainAnyElementsOf(old);
        assertThat(deleted).isGreaterThanOrEqualTo(5);
        // Batches of two: at least three statements for five rows, each a full batch but the last.
        assertThat(deletes.get()).isGreaterThanOrEqualTo(3);
        assertThat(cleanup.deleteExpired().block(Duration.ofSeconds(30))).isZero();
    }
}
