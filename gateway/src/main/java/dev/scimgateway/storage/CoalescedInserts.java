package dev.scimgateway.storage;

import dev.scimgateway.events.ChangeOrigin;
import dev.scimgateway.idempotency.KeyedCreate;
import dev.scimgateway.scim.protocol.ResourceRecord;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * User creates, which Okta sends one POST per user and many at once: coalesced into multi-row
 * INSERTs (see {@link UserInsertStatement}); a create that goes alone is the table's own row insert.
 */
final class CoalescedInserts implements AutoCloseable {

    private final Coalescer<UserInsertStatement.NewUser, ResourceRecord> inserts;

    CoalescedInserts(DatabaseClient db, ResourceTable table, Coalescer.Settings batching, JsonMapper json,
            MeterRegistry meters) {
        this.inserts = new Coalescer<>(Coalescer.Work.WRITES, "user_insert", FailingTogether.onOutage(new UserInsertStatement(db, json,
                write -> table.insertRow(write.tenantId(), write.user(), write.key(), write.origin()).thenReturn(write.user())
                        .onErrorMap(e -> StorageErrors.translate(e, UserColumns.userNameTaken(write.user().attributes()))),
                meters)), UserInsertStatement.NewUser::tenantId, batching, meters);
    }

    /**
     * A create made on an Idempotency-Key claims or marks it in the statement that writes it; the
     * context's origin goes with the write, since the statement runs outside the request's context.
     */
    Mono<ResourceRecord> insert(String tenantId, ResourceRecord user) {
        return Mono.deferContextual(context -> inserts.submit(new UserInsertStatement.NewUser(tenantId, user,
                KeyedCreate.of(context, tenantId), ChangeOrigin.of(context))));
    }

    @Override
    public void close() {
        inserts.close();
    }
}
