package dev.scimgateway.support;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Proves that the gateway tests really run under BlockHound: a blocking call on a Reactor thread fails. */
class BlockHoundTest extends GatewayTest {

    @Test
    void blockingOnAReactorThreadIsDetected() {
        // Its own non-blocking scheduler, so a busy shared one cannot delay the probe.
        var scheduler = Schedulers.newParallel("blockhound-probe", 1);
        try {
            Mono.fromCallable(() -> {
                        Thread.sleep(1);
                        return "slept";
                    })
                    .subscribeOn(scheduler)
                    .as(StepVerifier::create)
                    .expectErrorMatches(e -> e.getClass().getName().contains("BlockingOperationError"))
                    .verify(Duration.ofSeconds(30));
        } finally {
            scheduler.dispose();
        }
    }
}
