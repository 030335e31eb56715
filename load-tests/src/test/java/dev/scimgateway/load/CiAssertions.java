package dev.scimgateway.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a CI run checks after every simulation: the share of failed requests over the whole run,
 * and the 99th percentile of each request type (request names are types, such as
 * {@code "PATCH /Groups/{id} members"}, so one slow kind cannot hide behind many fast ones).
 */
public final class CiAssertions {

    private CiAssertions() {}

    public static List<Assertion> standard() {
        // Smoke runs hit a gateway whose JIT is still cold on a shared 2-core machine: the bound
        // there only catches hangs and pathologies, not regressions of a few milliseconds.
        int p99Millis = Parameters.integer("assert.p99Millis", 5000, 1000);
        return List.of(failedRequests(), forAll().responseTime().percentile(99.0).lt(p99Millis));
    }

    /**
     * For request types that each carry many operations (a bulk request, an NDJSON stream): the
     * p99 bound of a type is its most operations per request times
     * {@code assert.p99MillisPerOperation}, and never less than the bound of a single request;
     * {@code assert.p99Millis}, when given, sets one bound for all.
     */
    public static List<Assertion> perOperation(Map<String, Integer> operationsPerRequest) {
        if (!Parameters.text("assert.p99Millis", "").isEmpty()) {
            return standard();
        }
        int millisPerOperation = Parameters.integer("assert.p99MillisPerOperation", 100, 25);
        int singleRequest = Parameters.integer("assert.p99Millis", 5000, 1000);
        List<Assertion> assertions = new ArrayList<>();
        assertions.add(failedRequests());
        operationsPerRequest.forEach((type, operations) -> assertions.add(
                details(type).responseTime().percentile(99.0).lt(Math.max(singleRequest, operations * millisPerOperation))));
        return List.copyOf(assertions);
    }

    private static Assertion failedRequests() {
        double maxErrorPercent = Parameters.decimal("assert.maxErrorPercent", 0.0, 1.0);
        return global().failedRequests().percent().lte(maxErrorPercent);
    }
}
