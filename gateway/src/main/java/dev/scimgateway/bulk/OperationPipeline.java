package dev.scimgateway.bulk;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs bulk operations several at a time while keeping the meaning of running them one by one.
 * Operations that cannot affect one another (user creates that reference no bulkId and claim a
 * userName no other create beside them claims) run side by side, so that the write coalescer turns
 * a burst of user creates into multi-row INSERTs; any other operation waits until everything before
 * it has finished, and everything after it waits for it.
 *
 * <p>In Reactor terms: {@code windowUntil} cuts the operations into segments of ones that may run
 * side by side, {@code concatMap} runs the segments one after another, and
 * {@code flatMapSequential} runs a segment's operations at once and answers in input order. At
 * most {@code concurrency} operations are in hand at once (finished ones waiting for an earlier one
 * to be answered included), which is also the backpressure a stream of operations sees.
 */
final class OperationPipeline {

    /**
     * How an operation may run: beside others, or alone; beside others, two that claim the same
     * unique name are put in different segments, so the first one wins.
     */
    record Shape(boolean besideOthers, @Nullable String claim) {
        static final Shape ALONE = new Shape(false, null);
    }

    private final int concurrency;

    OperationPipeline(int concurrency) {
        this.concurrency = concurrency;
    }

    <T, R> Flux<R> run(Flux<T> operations, Function<T, Shape> shape, Function<T, Mono<R>> execute) {
        return Flux.defer(() -> {
            Segments segments = new Segments(concurrency);
            return operations
                    .windowUntil(op -> segments.startsNew(shape.apply(op)), true, concurrency)
                    .concatMap(segment -> segment.flatMapSequential(execute, concurrency, 1), 1);
        });
    }

    /**
     * Where one run's segments begin; windowUntil asks in input order, one operation at a time.
     * A segment ends before an operation that must run alone, after it, and before a second claim
     * of a name that an operation still in hand holds. Operations more than {@code window} back are
     * finished (flatMapSequential holds no more), so only their claims are remembered, and a
     * stream of a million creates keeps {@code window} names.
     */
    private static final class Segments {

        private final int window;
        private final Deque<String> recentClaims = new ArrayDeque<>();
        private final Map<String, Integer> claimCounts = new HashMap<>();
        private boolean open;

        Segments(int window) {
            this.window = window;
        }

        boolean startsNew(Shape shape) {
            @Nullable String claim = shape.claim();
            boolean joins = open && shape.besideOthers() && (claim == null || !claimCounts.containsKey(claim));
            if (!joins) {
                recentClaims.clear();
                claimCounts.clear();
            }
            if (claim != null) {
                remember(claim);
            }
            open = shape.besideOthers();
            return !joins;
        }

        private void remember(String claim) {
            recentClaims.addLast(claim);
            claimCounts.merge(claim, 1, Integer::sum);
            if (recentClaims.size() > window) {
                claimCounts.computeIfPresent(recentClaims.removeFirst(), (name, n) -> n == 1 ? null : n - 1);
            }
        }
    }
}
