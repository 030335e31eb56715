package dev.scimgateway.storage;

import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import tools.jackson.databind.node.ObjectNode;

/**
 * Write coalescing: user creates that arrive within a few milliseconds of each other (Okta sends
 * one POST per user, many at once during onboarding) are written by one multi-row INSERT in one
 * round trip. Each request still gets its own answer: a userName that is taken fails only its
 * own request with 409. The queue is bounded; when it is full the request gets 503.
 */
final class UserInsertBatcher implements AutoCloseable {

    private record Pending(String tenantId, ResourceRecord user, MonoSink<ResourceRecord> sink) {}

    private static final String INSERT_MANY = "INSERT INTO scim_user (tenant_id, id, user_name, external_id, display_name,"
            + " active, doc, created_at, last_modified, version)"
            + " SELECT t, i, u, e, d, a, doc::jsonb, c, m, v FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[],"
            + " $5::text[], $6::boolean[], $7::text[], $8::timestamptz[], $9::timestamptz[], $10::bigint[])"
            + " AS x(t, i, u, e, d, a, doc, c, m, v)"
            + " ON CONFLICT DO NOTHING RETURNING id";

    private final DatabaseClient db;
    private final tools.jackson.databind.json.JsonMapper json;
    private final BiFunction<String, ResourceRecord, Mono<ResourceRecord>> insertOne;
    private final int capacity;
    private final int maxBatch;
    private final int concurrency;
    private final Duration window;
    /** A plain timer thread of its own: it only starts writes, which then run on the driver's threads. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "scim-write-coalescer");
        thread.setDaemon(true);
        return thread;
    });
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final DistributionSummary batchSizes;
    private final Counter rowsWritten;

    UserInsertBatcher(DatabaseClient db, tools.jackson.databind.json.JsonMapper json,
            BiFunction<String, ResourceRecord, Mono<ResourceRecord>> insertOne, Settings settings, MeterRegistry meters) {
        this.db = db;
        this.json = json;
        this.insertOne = insertOne;
        this.capacity = settings.queueCapacity();
        this.maxBatch = settings.maxBatch();
        this.concurrency = settings.concurrency();
        this.window = settings.window();
        this.batchSizes = DistributionSummary.builder("scim.write.batch.size")
                .description("Users written per coalesced INSERT").register(meters);
        this.rowsWritten = Counter.builder("scim.rows.written").description("Rows written by coalesced user inserts")
                .tag("table", "scim_user").register(meters);
    }

    /** How batches form: at most {@code maxBatch} rows, waiting at most {@code window} for company. */
    record Settings(int maxBatch, Duration window, int concurrency, int queueCapacity) {}

    Mono<ResourceRecord> insert(String tenantId, ResourceRecord user) {
        return Mono.create(sink -> {
            if (queued.incrementAndGet() > capacity) {
                queued.decrementAndGet();
                sink.error(ScimException.unavailable("The write queue is full; retry shortly"));
                return;
            }
            waiting.add(new Pending(tenantId, user, sink));
            scheduleFlush();
        });
    }

    /**
     * One flush at a time is pending; whoever finds none schedules it, so no row waits longer than
     * the window while a batch slot is free, and a finishing batch schedules the next.
     */
    private void scheduleFlush() {
        if (flushScheduled.compareAndSet(false, true)) {
            try {
                timer.schedule(this::flush, window.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // Shutting down: nothing is flushed any more, and the waiting requests end with the server.
                flushScheduled.set(false);
            }
        }
    }

    private void flush() {
        flushScheduled.set(false);
        while (inFlight.get() < concurrency && !waiting.isEmpty()) {
            List<Pending> batch = new ArrayList<>(Math.min(maxBatch, waiting.size()));
            Pending next;
            while (batch.size() < maxBatch && (next = waiting.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                break;
            }
            queued.addAndGet(-batch.size());
            inFlight.incrementAndGet();
            write(batch).doFinally(signal -> {
                inFlight.decrementAndGet();
                if (!waiting.isEmpty()) {
                    scheduleFlush();
                }
            }).subscribe();
        }
    }

    private Mono<Void> write(List<Pending> batch) {
        batchSizes.record(batch.size());
        if (batch.size() == 1) {
            return one(batch.get(0));
        }
        return many(batch)
                .doOnNext(inserted -> settle(batch, inserted))
                // A statement-level failure (not a duplicate, which DO NOTHING absorbs) says nothing about
                // which row caused it: each row is retried alone so only that one fails.
                .onErrorResume(e -> Flux.fromIterable(batch).concatMap(this::one).then(Mono.empty()))
                .then();
    }

    private Mono<Set<UUID>> many(List<Pending> batch) {
        int n = batch.size();
        String[] tenants = new String[n];
        UUID[] ids = new UUID[n];
        String[] userNames = new String[n];
        String[] externalIds = new String[n];
        String[] displayNames = new String[n];
        Boolean[] active = new Boolean[n];
        String[] docs = new String[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        OffsetDateTime[] modified = new OffsetDateTime[n];
        Long[] versions = new Long[n];
        for (int i = 0; i < n; i++) {
            Pending p = batch.get(i);
            ObjectNode doc = p.user().attributes();
            tenants[i] = p.tenantId();
            ids[i] = p.user().id();
            userNames[i] = UserColumns.userName(doc);
            externalIds[i] = UserColumns.text(doc, "externalId");
            displayNames[i] = UserColumns.text(doc, "displayName");
            active[i] = UserColumns.active(doc);
            docs[i] = json.writeValueAsString(doc);
            created[i] = p.user().created().atOffset(ZoneOffset.UTC);
            modified[i] = p.user().lastModified().atOffset(ZoneOffset.UTC);
            versions[i] = p.user().version();
        }
        return db.sql(INSERT_MANY)
                .bind(0, tenants).bind(1, ids).bind(2, userNames).bind(3, externalIds).bind(4, displayNames)
                .bind(5, active).bind(6, docs).bind(7, created).bind(8, modified).bind(9, versions)
                .map(row -> row.get(0, UUID.class))
                .all()
                .collect(HashSet::new, Set::add);
    }

    private void settle(List<Pending> batch, Set<UUID> inserted) {
        rowsWritten.increment(inserted.size());
        for (Pending p : batch) {
            if (inserted.contains(p.user().id())) {
                p.sink().success(p.user());
            } else {
                p.sink().error(ScimException.uniqueness(UserColumns.userNameTaken(p.user().attributes())));
            }
        }
    }

    private Mono<Void> one(Pending p) {
        return insertOne.apply(p.tenantId(), p.user())
                .doOnNext(user -> rowsWritten.increment())
                .doOnNext(p.sink()::success)
                .doOnError(p.sink()::error)
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    @Override
    public void close() {
        timer.shutdown();
    }
}
