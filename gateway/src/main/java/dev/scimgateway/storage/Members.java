package dev.scimgateway.storage;

import dev.scimgateway.resources.MembershipChange;
import dev.scimgateway.resources.ResourceView;
import dev.scimgateway.resources.StoredWrite;
import dev.scimgateway.scim.protocol.ResourceRecord;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The membership of a type's resources: a group's members ({@link MemberRows}), written after the
 * resource's own row in the same transaction, or a user's groups ({@link GroupsOfUsers}), only
 * read; {@link #NONE} writes and reads none, and its writes need no transaction.
 */
interface Members {

    Members NONE = new Members() {

        @Override
        public Mono<StoredWrite> inserted(String tenantId, ResourceRecord created, MembershipChange change) {
            return Mono.just(StoredWrite.of(created));
        }

        @Override
        public Mono<StoredWrite> updated(String tenantId, ResourceRecord locked, MembershipChange change) {
            return Mono.just(StoredWrite.of(locked));
        }

        @Override
        public Mono<List<ResourceView>> views(String tenantId, List<ResourceRecord> records, boolean withMembers) {
            return Mono.just(records.stream().map(ResourceView::of).toList());
        }

        @Override
        public <T> Mono<T> transactional(Mono<T> write, TransactionalOperator tx) {
            // One statement commits on its own: a transaction would only add two round trips.
            return write;
        }
    };

    /** Members of a resource whose row was just inserted: the change's members are all there is. */
    Mono<StoredWrite> inserted(String tenantId, ResourceRecord created, MembershipChange change);

    /**
     * Applies a change to the members of a resource whose row this transaction has locked, and says
     * how many memberships it added and removed: the row's version moves only if any.
     */
    Mono<StoredWrite> updated(String tenantId, ResourceRecord locked, MembershipChange change);

    /** Records already read, as views, with their membership (one query for all) when asked for. */
    Mono<List<ResourceView>> views(String tenantId, List<ResourceRecord> records, boolean withMembers);

    /**
     * A column (aliased {@code carried}) that brings each row's membership along with the read of
     * the rows, so that a read with membership costs no statement more; null when the membership
     * needs a query of its own ({@link #views}).
     */
    default @Nullable String carried() {
        return null;
    }

    /** Rows read with the {@link #carried} column, as views with their membership. */
    default Mono<List<ResourceView>> views(String tenantId, List<ResourceTable.Fetched> rows) {
        return views(tenantId, rows.stream().map(ResourceTable.Fetched::record).toList(), true);
    }

    /** A write of the row and its members, made one unit. */
    <T> Mono<T> transactional(Mono<T> write, TransactionalOperator tx);
}
