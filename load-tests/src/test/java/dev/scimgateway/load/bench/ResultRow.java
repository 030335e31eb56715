package dev.scimgateway.load.bench;

/**
 * One line of the benchmark table. Latency columns are from the open-model phase unless the
 * open-model column says otherwise (closed loop: from each request's start), and NaN where no
 * latency is reported (bulk SQL, streams). Throughput says its unit: rows/s or req/s.
 */
record ResultRow(String name, String throughput, String openRate, double p50, double p99, double p999,
        String errors, String ratio) {

    static ResultRow rows(String name, double rowsPerSecond, long errors, String ratio) {
        return new ResultRow(name, String.format("%,.0f rows/s", rowsPerSecond), "—", Double.NaN, Double.NaN,
                Double.NaN, String.valueOf(errors), ratio);
    }

    static ResultRow http(String name, LoadDriver.Throughput closed, LoadDriver.OpenResult open, String ratio) {
        long errors = closed.errors() + open.errors();
        return of(name, String.format("%,.0f req/s", closed.perSecond()), String.format("%,.0f/s", open.rate()),
                open.latency(), String.valueOf(errors), ratio);
    }

    /** A closed-loop-only case: latency from each request's start, under full load. */
    static ResultRow closedLoop(String name, String throughput, Latencies.Percentiles latency, long errors, String ratio) {
        return of(name, throughput, "— (closed loop)", latency, String.valueOf(errors), ratio);
    }

    static ResultRow of(String name, String throughput, String openRate, Latencies.Percentiles latency, String errors,
            String ratio) {
        return new ResultRow(name, throughput, openRate, latency.p50(), latency.p99(), latency.p999(), errors, ratio);
    }

    String markdown() {
        return "| " + String.join(" | ", name, throughput, openRate, ms(p50), ms(p99), ms(p999), errors, ratio) + " |";
    }

    static String ms(double value) {
        return Double.isNaN(value) ? "—" : value < 10 ? String.format("%.2f ms", value) : String.format("%,.0f ms", value);
    }
}
