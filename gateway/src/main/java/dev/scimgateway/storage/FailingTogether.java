package dev.scimgateway.storage;

import java.util.Collections;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A coalesced statement that the database did not answer (no connection in time, a connection cut,
 * a timeout) fails every write of its batch at once, each with 503. Left to the coalescer, each
 * write would run again alone: one more wait for the database per write, one after the other, and
 * a second run of a statement that may have committed before its connection broke, which answers
 * a create that succeeded with 409 uniqueness.
 */
final class FailingTogether<T, R> implements Coalescer.Statement<T, R> {

    private final Coalescer.Statement<T, R> statement;

    private FailingTogether(Coalescer.Statement<T, R> statement) {
        this.statement = statement;
    }

    static <T, R> Coalescer.Statement<T, R> onOutage(Coalescer.Statement<T, R> statement) {
        return new FailingTogether<>(statement);
    }

    @Override
    public Mono<List<Coalescer.Outcome<R>>> many(List<T> writes) {
        return statement.many(writes).onErrorResume(StorageErrors::isOutage, e -> {
            // An outage translates to a ScimException, which is a RuntimeException.
            RuntimeException unavailable = (RuntimeException) StorageErrors.translate(e);
            return Mono.just(Collections.nCopies(writes.size(), Coalescer.Outcome.failed(unavailable)));
        });
    }

    @Override
    public Mono<R> one(T write) {
        return statement.one(write);
    }
}
