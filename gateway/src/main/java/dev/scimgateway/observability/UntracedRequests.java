package dev.scimgateway.observability;

import dev.scimgateway.edge.EdgeStep;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.util.context.Context;

/**
 * A request that is not observed (a SCIM request while tracing is off: HttpObservationConfiguration)
 * still has WebFlux's no-op observation in its Reactor Context. Reactor puts whatever observation
 * the Context holds on the thread and takes it off again around every {@code handle()} of the
 * request, the database driver's once per row it reads; for a no-op there is nothing to put, so
 * the steps and the handler run without it.
 */
public final class UntracedRequests {

    private UntracedRequests() {}

    /** Takes a no-op observation out of the Context of the rest of the request; a real one stays. */
    public static EdgeStep withoutNoopObservation() {
        return (exchange, next) -> next.filter(exchange).contextWrite(UntracedRequests::withoutNoop);
    }

    static Context withoutNoop(Context context) {
        return context.getOrDefault(ObservationThreadLocalAccessor.KEY, null) instanceof Observation observation
                && observation.isNoop() ? context.delete(ObservationThreadLocalAccessor.KEY) : context;
    }
}
