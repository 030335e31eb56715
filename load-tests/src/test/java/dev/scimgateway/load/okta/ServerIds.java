package dev.scimgateway.load.okta;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The ids the gateway assigned, by plan index, filled in as POSTs succeed; later phases (group
 * membership, deactivation) look them up, as Okta keeps the app's id for every assigned user.
 */
public final class ServerIds {

    private final AtomicReferenceArray<String> ids;

    public ServerIds(int size) {
        this.ids = new AtomicReferenceArray<>(size);
    }

    public void remember(int index, String id) {
        ids.set(index, id);
    }

    /** Null when the user's POST failed: the simulation skips it, as Okta would until a retry. */
    public String idOf(int index) {
        return ids.get(index);
    }
}
