package dev.scimgateway.idempotency;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A create's statement found its Idempotency-Key taken (an earlier request, a retry running at
 * the same time, or an expired record) and wrote nothing: the run starts over by claiming the key.
 * Should it ever escape that, it answers as a key still in use does, with 409.
 */
public final class KeyHeld extends ResponseStatusException {

    public KeyHeld() {
        super(HttpStatus.CONFLICT, "A request with this Idempotency-Key is still being processed; retry after it completes");
    }
}
