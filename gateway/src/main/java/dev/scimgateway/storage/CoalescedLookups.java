package dev.scimgateway.storage;

import dev.scimgateway.storage.ResourceTable.Fetched;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import reactor.core.publisher.Mono;

/**
 * Point reads of users, which IdPs send one request per user and many at once (Okta looks each
 * user up by userName before it creates or links it, then reads it by id): the reads that wait
 * while the database is busy go as one statement over all their keys, a join of the keys with
 * the table's unique indexes, in one round trip; each row brings the user's groups along.
 */
final class CoalescedLookups implements AutoCloseable {

    /** A read of one tenant's user by one key. */
    private record Lookup<K>(String tenantId, K key) {}

    private final Coalescer<Lookup<UUID>, Fetched> byId;
    private final Coalescer<Lookup<String>, Fetched> byUserName;

    /** @param carried the column that brings each user's groups along (see {@link Members#carried}) */
    CoalescedLookups(ResourceTable table, String carried, Coalescer.Settings reads, MeterRegistry meters) {
        this.byId = coalesced("user_by_id", table.keyedReads("uuid", "r.id = k.v", carried), UUID[]::new, reads,
                meters);
        // As the filter compares userName, and as the unique index lower(user_name) is built.
        this.byUserName = coalesced("user_by_user_name",
                table.keyedReads("text", "lower(r.user_name) = lower(k.v)", carried), String[]::new, reads, meters);
    }

    private static <K> Coalescer<Lookup<K>, Fetched> coalesced(String name, ResourceTable.KeyedReads statement,
            IntFunction<K[]> keys, Coalescer.Settings reads, MeterRegistry meters) {
        Coalescer.Statement<Lookup<K>, Fetched> each = lookups -> statement.read(
                        lookups.stream().map(Lookup::tenantId).toArray(String[]::new),
                        lookups.stream().map(Lookup::key).toArray(keys))
                .map(found -> {
                    List<Coalescer.Outcome<Fetched>> outcomes = new ArrayList<>(lookups.size());
                    for (long n = 1; n <= lookups.size(); n++) {
                        Fetched row = found.get(n);
                        outcomes.add(row == null ? Coalescer.Outcome.done() : Coalescer.Outcome.of(row));
                    }
                    return outcomes;
                });
        return new Coalescer<>(Coalescer.Work.READS, name, FailingTogether.onOutage(each), Lookup::tenantId, reads,
                meters);
    }

    /** The user's row with its groups; empty when the tenant has no such user. */
    Mono<Fetched> byId(String tenantId, UUID id) {
        return byId.submit(new Lookup<>(tenantId, id));
    }

    /** The user whose userName equals {@code userName} case-insensitively; empty when none does. */
    Mono<Fetched> byUserName(String tenantId, String userName) {
        return byUserName.submit(new Lookup<>(tenantId, userName));
    }

    @Override
    public void close() {
        byId.close();
        byUserName.close();
    }
}
