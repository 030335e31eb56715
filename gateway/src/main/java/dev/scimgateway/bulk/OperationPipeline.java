package dev.scimgateway.bulk;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs bulk operations several at a time while keeping the meaning of running them one by one.
 * Operations that cannot affect one another (user creates that reference no bulkId and claim a
 * userName no create in hand claims) run side by side, so that the write coalescer turns a burst of user
 * creates into multi-row INSERTs; any other operation waits until everything before it has
 * finished, and everything after it waits for it. Results come out in input order, and at most
 * {@code concurrency} operations are in hand at once (finished ones waiting for an earlier one to
 * be answered included), which is also the backpressure a stream of operations sees.
 */
final class OperationPipeline {

    /**
     * How an operation may run: alone, or beside others; beside others, two that claim the same
     * unique name still run in order, so the first one wins.
     */
    record Shape(boolean standsAlone, @Nullable String claim) {
        static final Shape ALONE = new Shape(false, null);
    }

    private final int concurrency;

    OperationPipeline(int concurrency) {
        this.concurrency = concurrency;
    }

    <T, R> Flux<R> run(Flux<T> operations, Function<T, Shape> shape, Function<T, Mono<R>> execute) {
        return Flux.defer(() -> {
            Gates gates = new Gates(concurrency);
            return operations.flatMapSequential(op -> gates.admit(shape.apply(op), execute.apply(op)), concurrency, 1);
        });
    }

    /**
     * The ordering state of one run. {@code admit} is called in input order, one call at a time
     * (flatMapSequential maps serially); completions arrive from any thread. The operations in
     * hand are always the last {@code concurrency} admitted, so only their claims are remembered.
     */
    private static final class Gates {

        private final int window;
        private final Map<Long, Mono<Void>> running = new ConcurrentHashMap<>();
        private final Deque<String> recentClaims = new ArrayDeque<>();
        private final Map<String, Integer> claimCounts = new HashMap<>();
        private Mono<Void> lastBarrier = Mono.empty();
        private long admitted;

        Gates(int window) {
            this.window = window;
        }

        <R> Mono<R> admit(Shape shape, Mono<R> operation) {
            boolean beside = shape.standsAlone() && !claimed(shape.claim());
            remember(shape.claim());
            long id = admitted++;
            Sinks.Empty<Void> done = Sinks.empty();
            // A snapshot: the live view would come to include this operation itself.
            Mono<Void> gate = beside ? lastBarrier : Mono.when(List.copyOf(running.values()));
            Mono<Void> finished = done.asMono();
            running.put(id, finished);
            if (!beside) {
                lastBarrier = finished;
            }
            return gate.then(operation).doFinally(signal -> {
                running.remove(id);
                done.tryEmitEmpty();
            });
        }

        private boolean claimed(@Nullable String claim) {
            return claim != null && claimCounts.containsKey(claim);
        }

        private void remember(@Nullable String claim) {
            String key = claim == null ? "" : claim;
            recentClaims.addLast(key);
            claimCounts.merge(key, 1, Integer::sum);
            if (recentClaims.size() > window) {
                claimCounts.computeIfPresent(recentClaims.removeFirst(), (k, n) -> n == 1 ? null : n - 1);
            }
        }
    }
}
