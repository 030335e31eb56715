package dev.scimgateway.events;

import dev.scimgateway.scim.protocol.ScimException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads the query parameters of {@code GET /admin/v1/tenants/{id}/activity} into an
 * {@link ActivityQuery}; a value it cannot use is a 400 that names the parameter and says what it
 * takes. The cursor is opaque to clients: it names the row a page ended at, and only this class
 * reads it.
 */
public final class ActivityQueries {

    private static final Set<String> PARAMETERS = Set.of("kind", "resourceType", "resourceId", "tokenId", "token",
            "outcome", "since", "until", "count", "cursor");
    private static final String CURSOR_PREFIX = "activity:";

    private final int defaultCount;
    private final int maxCount;

    public ActivityQueries(int defaultCount, int maxCount) {
        this.defaultCount = defaultCount;
        this.maxCount = maxCount;
    }

    /** @throws ScimException 400 for a parameter that is unknown, repeated or has a value it cannot take */
    public ActivityQuery parse(String tenantId, Map<String, List<String>> parameters) {
        for (var parameter : parameters.entrySet()) {
            if (!PARAMETERS.contains(parameter.getKey())) {
                throw ScimException.badRequest("Unknown parameter '" + parameter.getKey() + "'; the activity log is"
                        + " filtered by " + String.join(", ", PARAMETERS.stream().sorted().toList()));
            }
            if (parameter.getValue().size() > 1) {
                throw ScimException.badRequest("'" + parameter.getKey() + "' is given more than once; give it once");
            }
        }
        Function<String, @Nullable String> one = name -> {
            List<String> values = parameters.get(name);
            return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
        };
        Instant since = instant("since", one.apply("since"));
        Instant until = instant("until", one.apply("until"));
        if (since != null && until != null && !since.isBefore(until)) {
            throw ScimException.badRequest("'since' must be before 'until'");
        }
        return new ActivityQuery(tenantId, kind(one.apply("kind")), one.apply("resourceType"),
                uuid("resourceId", one.apply("resourceId")), uuid("tokenId", one.apply("tokenId")), one.apply("token"),
                outcome(one.apply("outcome")), since, until, cursor(one.apply("cursor")), count(one.apply("count")));
    }

    /** The cursor of the page that follows the row {@code id}. */
    public static String cursorAfter(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + id).getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable Long cursor(@Nullable String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_PREFIX)) {
                long id = Long.parseLong(text.substring(CURSOR_PREFIX.length()));
                if (id > 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException unreadable) {
            // Answered below, as every cursor this API did not give out.
        }
        throw ScimException.badRequest("'cursor' is not one this API gave out; pass the 'next' value of the previous"
                + " page unchanged, or leave it out for the newest page");
    }

    private int count(@Nullable String count) {
        if (count == null) {
            return defaultCount;
        }
        try {
            int value = Integer.parseInt(count);
            if (value >= 1 && value <= maxCount) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // Answered below.
        }
        throw ScimException.badRequest("'count' must be a whole number from 1 to " + maxCount);
    }

    private static @Nullable ActivityKind kind(@Nullable String kind) {
        if (kind == null) {
            return null;
        }
        for (ActivityKind value : ActivityKind.values()) {
            if (value.wireName().equals(kind)) {
                return value;
            }
        }
        throw ScimException.badRequest("'kind' must be 'change' or 'error'");
    }

    private static @Nullable Outcome outcome(@Nullable String outcome) {
        if (outcome == null) {
            return null;
        }
        switch (outcome) {
            case "success":
                return Outcome.SUCCESS;
            case "4xx":
                return Outcome.statuses(400, 499);
            case "5xx":
                return Outcome.statuses(500, 599);
            default:
                break;
        }
        if (outcome.matches("[45][0-9][0-9]")) {
            int status = Integer.parseInt(outcome);
            return Outcome.statuses(status, status);
        }
        throw ScimException.badRequest("'outcome' must be 'success', '4xx', '5xx' or a status from 400 to 599,"
                + " such as 409");
    }

    private static @Nullable UUID uuid(String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException notAUuid) {
            // Answered below.
        }
        throw ScimException.badRequest("'" + name + "' must be an id such as 2819c223-7f76-453a-919d-413861904646");
    }

    private static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            // An unencoded '+' of an offset arrives as a space (form decoding of the query); it can mean nothing else.
            return OffsetDateTime.parse(value.replace(' ', '+')).toInstant();
        } catch (DateTimeParseException notRfc3339) {
            throw ScimException.badRequest("'" + name + "' must be an RFC 3339 time with its offset, such as"
                    + " 2026-12-05T08:30:00Z");
        }
    }
}
