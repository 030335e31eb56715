package dev.scimgateway.console;

import dev.scimgateway.events.ActivityReader;
import dev.scimgateway.events.HourlyActivity;
import dev.scimgateway.ratelimit.Limit;
import dev.scimgateway.ratelimit.RateLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A tenant's figures for the Overview, cached per tenant so that no request counts a large tenant
 * itself: the counts and the rate-limit usage for {@link #FIGURES_TTL} (the page polls them while
 * an onboarding burst runs), the 24 hours of activity for {@link #HOURS_TTL} (an hour's bar moves
 * slowly, and it reads every activity row of the day).
 */
final class TenantFigures {

    static final Duration FIGURES_TTL = Duration.ofSeconds(10);
    static final Duration HOURS_TTL = Duration.ofSeconds(30);
    /** Tenants whose figures are held at once; more than a replica's admins look at in a few seconds. */
    private static final int MAX_TENANTS = 1_000;

    /** What the Overview shows and its script polls; the JSON of {@code …/overview/figures}. */
    public record Figures(long users, long active, long deactivated, long groups, Budget read, Budget write,
            String asOf, String asOfText) {}

    /** One rate-limit budget: the limit in force and the share of its burst spent now. */
    public record Budget(int spentPercent, double perSecond, double burst, String text) {

        static Budget of(Limit limit, double spent) {
            int percent = (int) Math.round(spent * 100);
            return new Budget(percent, limit.perSecond(), limit.burst(),
                    percent + " % of the burst spent (limit " + number(limit.perSecond()) + " a second, burst "
                            + number(limit.burst()) + ")");
        }
    }

    private final TenantDirectory directory;
    private final ActivityReader activity;
    private final RateLimits limits;
    private final Clock clock;
    private final ExpiringCache<Figures> figures;
    private final ExpiringCache<List<HourlyActivity>> hours;

    TenantFigures(TenantDirectory directory, ActivityReader activity, RateLimits limits, Clock clock) {
        this.directory = directory;
        this.activity = activity;
        this.limits = limits;
        this.clock = clock;
        this.figures = new ExpiringCache<>(FIGURES_TTL, MAX_TENANTS, clock);
        this.hours = new ExpiringCache<>(HOURS_TTL, MAX_TENANTS, clock);
    }

    Mono<Figures> figures(String tenantId) {
        return figures.get(tenantId, id -> Mono.zip(directory.counts(id), limits.usage(id))
                .map(both -> {
                    TenantDirectory.Counts counts = both.getT1();
                    RateLimits.Usage usage = both.getT2();
                    Times at = java.util.Objects.requireNonNull(Times.of(clock.instant(), clock.instant()));
                    return new Figures(counts.users(), counts.active(), counts.deactivated(), counts.groups(),
                            Budget.of(usage.limits().read(), usage.readSpent()),
                            Budget.of(usage.limits().write(), usage.writeSpent()), at.iso(), at.exact());
                }));
    }

    /** The current hour and the 23 before it, as the chart draws them. */
    Mono<ActivityChart> lastDay(String tenantId) {
        return hours.get(tenantId, id -> activity.hourly(id, ActivityChart.since(clock.instant())).collectList())
                .map(rows -> ActivityChart.of(rows, clock.instant()));
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
