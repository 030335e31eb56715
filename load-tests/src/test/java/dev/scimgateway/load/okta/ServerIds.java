package dev.scimgateway.load.okta;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The ids the gateway assigned, by plan index, filled in as POSTs succeed; later phases (group
 * membership, deactivation) look them up, as Okta keeps the app's id for every assigned user.
 * A create that failed can be marked as such, so that whoever waits for its id stops waiting.
 */
public final class ServerIds {

    /** Marks a create that failed: settled, but without an id. */
    private static final String FAILED = new String("failed");

    private final AtomicReferenceArray<String> ids;

    public ServerIds(int size) {
        this.ids = new AtomicReferenceArray<>(size);
    }

    /** The id the gateway assigned; {@code null} records that the create failed. */
    public void remember(int index, String id) {
        ids.set(index, id == null ? FAILED : id);
    }

    /** Null when the user's POST failed: the simulation skips it, as Okta would until a retry. */
    public String idOf(int index) {
        String id = ids.get(index);
        return id == FAILED ? null : id;
    }

    /** Whether the create has answered, with an id or with a failure. */
    public boolean settled(int index) {
        return ids.get(index) != null;
    }
}
