package dev.scimgateway.storage;

import dev.scimgateway.events.ChangeOrigin;
import dev.scimgateway.idempotency.KeyedCreate;
import dev.scimgateway.resources.MembershipChange;
import dev.scimgateway.resources.ResourceStore;
import dev.scimgateway.resources.ResourceView;
import dev.scimgateway.resources.StoredWrite;
import dev.scimgateway.scim.protocol.list.ListPage;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.SortedRecord;
import dev.scimgateway.scim.schema.SchemaRegistry;
import dev.scimgateway.storage.ActivityRows.Action;
import dev.scimgateway.storage.ActivityRows.Note;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store of every resource type: its table ({@link ResourceTable} over the type's
 * {@link ResourceColumns}), its {@link Members}, and, for users, creates coalesced into
 * multi-row INSERTs ({@link CoalescedInserts}) and point reads into statements over many keys
 * ({@link CoalescedLookups}).
 */
final class R2dbcResourceStore implements ResourceStore, AutoCloseable {

    private final ResourceTable table;
    private final ResourceColumns columns;
    private final Members members;
    private final TransactionalOperator tx;
    private final @Nullable CoalescedInserts coalesced;
    private final @Nullable CoalescedLookups lookups;
    private final Counter logged;

    R2dbcResourceStore(ResourceTable table, Members members, TransactionalOperator tx,
            @Nullable CoalescedInserts coalesced, @Nullable CoalescedLookups lookups, MeterRegistry meters) {
        this.logged = ActivityRows.loggedMeter().register(meters);
        this.table = table;
        this.columns = table.columns();
        this.members = members;
        this.tx = tx;
        this.coalesced = coalesced;
        this.lookups = lookups;
    }

    @Override
    public Mono<StoredWrite> insert(String tenantId, ResourceRecord resource, MembershipChange change) {
        if (coalesced != null && change.isEmpty()) {
            // The coalesced statement counts its own rows: it commits them itself.
            return coalesced.insert(tenantId, resource).map(StoredWrite::of);
        }
        // A keyed create claims or marks its key in its row's INSERT, in the transaction that adds its members.
        return Mono.deferContextual(context -> {
                    ChangeOrigin origin = ChangeOrigin.of(context);
                    Mono<Void> row = table.insertRow(tenantId, resource, KeyedCreate.of(context, tenantId),
                            change.isEmpty() ? origin : null);
                    return members.transactional(row.then(members.inserted(tenantId, resource, change))
                            .flatMap(written -> change.isEmpty() ? Mono.just(written)
                                    : table.logCreated(tenantId, resource.id(), ActivityRows.Note.members(Action.CREATE,
                                            written.membersAdded(), 0, change)).thenReturn(written)), tx);
                })
                .doOnSuccess(created -> logged.increment())
                .onErrorMap(e -> StorageErrors.translate(e, columns.taken(resource.attributes())));
    }

    @Override
    public void close() {
        if (coalesced != null) {
            coalesced.close();
        }
        if (lookups != null) {
            lookups.close();
        }
    }

    @Override
    public Mono<ResourceView> find(String tenantId, UUID id, boolean withMembers) {
        if (lookups != null) {
            return lookups.byId(tenantId, id).flatMap(row -> viewsOf(tenantId, List.of(row), withMembers))
                    .map(found -> found.get(0))
                    .onErrorMap(StorageErrors::translate);
        }
        if (!withMembers) {
            return table.find(tenantId, id).map(ResourceView::of).onErrorMap(StorageErrors::translate);
        }
        String carried = members.carried();
        Mono<List<ResourceView>> views = carried != null
                ? table.find(tenantId, id, carried).flatMap(row -> members.views(tenantId, List.of(row)))
                : table.find(tenantId, id).flatMap(record -> members.views(tenantId, List.of(record), true));
        return views.map(found -> found.get(0)).onErrorMap(StorageErrors::translate);
    }

    /**
     * A write without members is one conditional UPDATE that writes nothing when the document is
     * the stored one. A write with members locks the row first (its lock orders concurrent changes
     * to the resource), changes the members, and bumps the version only if a row changed.
     */
    @Override
    public Mono<StoredWrite> update(String tenantId, UUID id, @Nullable ObjectNode attributes, MembershipChange change,
            @Nullable Long expectedVersion) {
        return Mono.defer(() -> {
            AtomicLong rows = new AtomicLong();
            Mono<StoredWrite> write = change.isEmpty()
                    ? (attributes == null ? table.current(tenantId, id, expectedVersion)
                            : table.update(tenantId, id, attributes, expectedVersion, Note.of(Action.REPLACE),
                                    rows::addAndGet)).map(StoredWrite::of)
                    : table.lock(tenantId, id, expectedVersion).flatMap(locked -> write(tenantId, locked, attributes,
                            change, attributes == null ? Action.PATCH : Action.REPLACE, rows));
            return members.transactional(write, tx).doOnSuccess(done -> logged.increment(rows.get()));
        }).onErrorMap(e -> StorageErrors.translate(e, attributes == null
                ? "The " + columns.kind() + " changed concurrently" : columns.taken(attributes)));
    }

    /** A PATCH whose result equals the stored document writes no row (RFC 7644 §3.5.2.1, §3.5.2.3). */
    @Override
    public Mono<StoredWrite> modify(String tenantId, UUID id, Function<ResourceRecord, ObjectNode> change,
            MembershipChange memberChange) {
        return Mono.defer(() -> {
            AtomicLong rows = new AtomicLong();
            return table.findForUpdate(tenantId, id)
                    .flatMap(current -> Mono.fromCallable(() -> change.apply(current))
                            .flatMap(patched -> write(tenantId, current, patched.equals(current.attributes()) ? null
                                            : patched, memberChange, Action.PATCH, rows)
                                    .onErrorMap(e -> translatePatch(e, patched))))
                    .as(tx::transactional)
                    .doOnSuccess(done -> logged.increment(rows.get()));
        }).onErrorMap(StorageErrors::translate);
    }

    private Throwable translatePatch(Throwable failure, ObjectNode patched) {
        String taken = columns.takenByPatch(patched);
        return taken == null ? failure : StorageErrors.translate(failure, taken);
    }

    /**
     * The members, then the row of a resource this transaction locked: a new document (null when
     * unchanged) is written if it differs, and a change of members alone bumps the version; the row's
     * statement logs the change as {@code action}, with the member counts.
     */
    private Mono<StoredWrite> write(String tenantId, ResourceRecord locked, @Nullable ObjectNode attributes,
            MembershipChange change, Action action, AtomicLong rows) {
        UUID id = locked.id();
        return members.updated(tenantId, locked, change).flatMap(written -> {
            Note note = change.isEmpty() ? Note.of(action)
                    : Note.members(action, written.membersAdded(), written.membersRemoved(), change);
            Mono<ResourceRecord> row = attributes == null ? Mono.just(locked)
                    : table.update(tenantId, id, attributes, null, note, rows::addAndGet);
            return row.flatMap(record -> record.version() == locked.version() && written.changedMembers()
                            ? table.touch(tenantId, id, note, rows::addAndGet) : Mono.just(record))
                    .map(written::withRecord);
        });
    }

    @Override
    public Mono<Boolean> delete(String tenantId, UUID id, @Nullable Long expectedVersion) {
        return table.delete(tenantId, id, expectedVersion).doOnNext(deleted -> {
            if (deleted) {
                logged.increment();
            }
        });
    }

    @Override
    public Mono<ListPage<ResourceView>> list(String tenantId, ListQuery query, SchemaRegistry schemas, boolean withMembers) {
        String userName = lookups == null ? null : FilterSql.userNameLookup(query, schemas);
        if (lookups != null && userName != null) {
            return lookups.byUserName(tenantId, userName)
                    .map(List::of)
                    .defaultIfEmpty(List.of())
                    .flatMap(rows -> viewsOf(tenantId, rows, withMembers)
                            .map(views -> new ListPage<>(views, rows.size(), query.startIndex(), false)))
                    .onErrorMap(StorageErrors::translate);
        }
        String carried = withMembers ? members.carried() : null;
        return table.list(tenantId, query, schemas, carried)
                .flatMap(page -> (carried != null ? members.views(tenantId, page.resources())
                                : members.views(tenantId, page.resources().stream().map(ResourceTable.Fetched::record).toList(),
                                        withMembers))
                        .map(views -> new ListPage<>(views, page.totalResults(), page.startIndex(), page.hasMore())))
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Flux<SortedRecord> sorted(String tenantId, ListQuery query, SchemaRegistry schemas) {
        return table.sorted(tenantId, query, schemas);
    }

    /** Rows read with their members carried along, as views with them, or without when they are not wanted. */
    private Mono<List<ResourceView>> viewsOf(String tenantId, List<ResourceTable.Fetched> rows, boolean withMembers) {
        return withMembers ? members.views(tenantId, rows)
                : Mono.just(rows.stream().map(row -> ResourceView.of(row.record())).toList());
    }

    @Override
    public Mono<List<ResourceView>> views(String tenantId, List<ResourceRecord> resources, boolean withMembers) {
        return members.views(tenantId, resources, withMembers).onErrorMap(StorageErrors::translate);
    }
}
