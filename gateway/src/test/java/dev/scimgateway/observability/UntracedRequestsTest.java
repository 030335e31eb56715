package dev.scimgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

class UntracedRequestsTest {

    @Test
    void aNoopObservationLeavesTheContextAndEverythingElseStays() {
        Context context = Context.of(ObservationThreadLocalAccessor.KEY, Observation.NOOP, "other", "kept");

        Context after = UntracedRequests.withoutNoop(context);

        assertThat(after.hasKey(ObservationThreadLocalAccessor.KEY)).isFalse();
        assertThat(after.<String>get("other")).isEqualTo("kept");
    }

    @Test
    void aRealObservationStaysForTheTraceInLogLinesAndSpans() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(observed -> true);
        Observation observation = Observation.start("http.server.requests", registry);
        Context context = Context.of(ObservationThreadLocalAccessor.KEY, observation);

        assertThat(UntracedRequests.withoutNoop(context).<Observation>get(ObservationThreadLocalAccessor.KEY))
                .isSameAs(observation);
        observation.stop();
    }

    @Test
    void aContextWithoutObservationIsLeftAsItIs() {
        Context context = Context.of("other", "kept");

        assertThat(UntracedRequests.withoutNoop(context)).isSameAs(context);
    }
}
