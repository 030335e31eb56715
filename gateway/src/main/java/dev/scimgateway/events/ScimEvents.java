package dev.scimgateway.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The RFC 9967 provisioning events the feed carries, and which change of the activity log each
 * one reports. A create, PUT or PATCH comes as {@code notice} (the names of the attributes) or
 * {@code full} (the resource); delete, activate and deactivate have one form.
 */
public final class ScimEvents {

    private static final String PROV = "urn:ietf:params:scim:event:prov:";
    public static final String NOTICE = ":notice";
    public static final String FULL = ":full";

    /** The activity log's actions, in the order of {@link #SUPPORTED}, and the event name of each. */
    private static final List<String> ACTIONS = List.of("create", "replace", "patch", "delete", "activate", "deactivate");
    private static final List<String> NAMES = List.of("create", "put", "patch", "delete", "activate", "deactivate");
    private static final List<String> WITH_MODE = List.of("create", "replace", "patch");

    public static final List<String> SUPPORTED = supported();

    private ScimEvents() {}

    private static List<String> supported() {
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < ACTIONS.size(); i++) {
            String base = PROV + NAMES.get(i);
            if (WITH_MODE.contains(ACTIONS.get(i))) {
                uris.add(base + NOTICE);
                uris.add(base + FULL);
            } else {
                uris.add(base);
            }
        }
        return List.copyOf(uris);
    }

    /**
     * What a stream delivers of what its receiver asked for: the supported events asked for, in the
     * order of {@link #SUPPORTED}. Where both forms of one change are asked for, only {@code full}
     * is delivered: one change is one SET (SSF: an "events" claim holds one event), and the full
     * form says all the notice would.
     */
    public static List<String> delivered(Collection<String> requested) {
        return SUPPORTED.stream().filter(requested::contains)
                .filter(uri -> !(uri.endsWith(NOTICE) && requested.contains(uri.replace(NOTICE, FULL))))
                .toList();
    }

    /** The activity log's actions whose changes a stream delivering {@code delivered} carries. */
    public static List<String> actions(Collection<String> delivered) {
        return ACTIONS.stream().filter(action -> uriFor(action, delivered) != null).toList();
    }

    /** The event URI a change with {@code action} is delivered as on such a stream; null when it is not delivered. */
    public static @Nullable String uriFor(String action, Collection<String> delivered) {
        int index = ACTIONS.indexOf(action);
        if (index < 0) {
            return null;
        }
        String base = PROV + NAMES.get(index);
        if (!WITH_MODE.contains(action)) {
            return delivered.contains(base) ? base : null;
        }
        return delivered.contains(base + FULL) ? base + FULL : delivered.contains(base + NOTICE) ? base + NOTICE : null;
    }

    /** The same event in its notice form: what a full event becomes when its resource is gone. */
    public static String asNotice(String uri) {
        return uri.endsWith(FULL) ? uri.substring(0, uri.length() - FULL.length()) + NOTICE : uri;
    }
}
