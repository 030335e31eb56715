package dev.scimgateway.load.bench;

/**
 * One line of the benchmark table. Latency columns are from the open-model phase and are NaN
 * where no latency is reported (bulk SQL) or the case is not available yet.
 */
record ResultRow(String name, String throughput, String openRate, double p50, double p99, double p999,
        String errors, String ratio) {

    static ResultRow rows(String name, double rowsPerSecond, String ratio) {
        return new ResultRow(name, String.format("%,.0f rows/s", rowsPerSecond), "—", Double.NaN, Double.NaN,
                Double.NaN, "0", ratio);
    }

    static ResultRow http(String name, LoadDriver.Throughput closed, LoadDriver.OpenResult open, String ratio) {
        long errors = closed.errors() + open.errors();
        return new ResultRow(name, String.format("%,.0f req/s", closed.perSecond()), String.format("%,.0f/s", open.rate()),
                open.latency().p50(), open.latency().p99(), open.latency().p999(),
                String.valueOf(errors), ratio);
    }

    static ResultRow notAvailable(String name) {
        return new ResultRow(name, "not available until issue 4", "—", Double.NaN, Double.NaN, Double.NaN, "—", "—");
    }

    String markdown() {
        return "| " + String.join(" | ", name, throughput, openRate, ms(p50), ms(p99), ms(p999), errors, ratio) + " |";
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "—" : value < 10 ? String.format("%.2f ms", value) : String.format("%.0f ms", value);
    }
}
