package dev.scimgateway.load;

import java.time.Duration;

/**
 * Simulation parameters come from system properties (Maven passes {@code -Dname=value} through to
 * Gatling). When {@code load.smoke=true} the build's smoke run asks for a few seconds of traffic,
 * so each parameter names two defaults: the smoke one and the interactive one.
 */
public final class Parameters {

    private static final boolean SMOKE = Boolean.getBoolean("load.smoke");

    private Parameters() {}

    public static boolean smoke() {
        return SMOKE;
    }

    public static int integer(String name, int smokeDefault, int normalDefault) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? (SMOKE ? smokeDefault : normalDefault) : Integer.parseInt(value.strip());
    }

    public static long longValue(String name, long defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : Long.parseLong(value.strip());
    }

    public static double decimal(String name, double smokeDefault, double normalDefault) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? (SMOKE ? smokeDefault : normalDefault) : Double.parseDouble(value.strip());
    }

    public static String text(String name, String defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    public static boolean flag(String name, boolean defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : Boolean.parseBoolean(value.strip());
    }

    public static Duration seconds(String name, int smokeDefault, int normalDefault) {
        return Duration.ofSeconds(integer(name, smokeDefault, normalDefault));
    }
}
