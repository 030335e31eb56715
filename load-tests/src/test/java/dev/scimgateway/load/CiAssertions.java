package dev.scimgateway.load;

import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import java.util.List;

/**
 * What a CI run checks after every simulation: the share of failed requests over the whole run,
 * and the 99th percentile of each request type (request names are types, such as
 * {@code "PATCH /Groups/{id} members"}, so one slow kind cannot hide behind many fast ones).
 */
public final class CiAssertions {

    private CiAssertions() {}

    public static List<Assertion> standard() {
        double maxErrorPercent = Parameters.decimal("assert.maxErrorPercent", 0.0, 1.0);
        // Smoke runs hit a gateway whose JIT is still cold on a shared 2-core machine: the bound
        // there only catches hangs and pathologies, not regressions of a few milliseconds.
        int p99Millis = Parameters.integer("assert.p99Millis", 5000, 1000);
        return List.of(
                global().failedRequests().percent().lte(maxErrorPercent),
                forAll().responseTime().percentile(99.0).lt(p99Millis));
    }
}
