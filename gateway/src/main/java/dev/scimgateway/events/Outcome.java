package dev.scimgateway.events;

/**
 * Which answers a query wants: {@code success} (every change; a refusal never is one), or the
 * refusals whose status lies between {@code lowest} and {@code highest}.
 */
public record Outcome(boolean success, int lowest, int highest) {

    public static final Outcome SUCCESS = new Outcome(true, 0, 0);

    static Outcome statuses(int lowest, int highest) {
        return new Outcome(false, lowest, highest);
    }
}
