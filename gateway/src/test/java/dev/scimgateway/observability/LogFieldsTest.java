package dev.scimgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

class LogFieldsTest {

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void linesWrittenThroughLoggedHaveTheRequestsFieldsAndTheThreadGetsItsOwnBack() {
        MDC.put(LogFields.TENANT, "left by someone else");
        MDC.put(LogFields.TOKEN_ID, "also left");
        Map<String, String> seen = new HashMap<>();

        LogFields.put(LogFields.REQUEST_ID, "req-1")
                .then(LogFields.put(LogFields.TENANT, "acme"))
                .then(LogFields.logged(() -> LogFields.ALL.forEach(field -> seen.put(field, MDC.get(field)))))
                .contextWrite(context -> context.put(LogFields.CONTEXT_KEY, new ConcurrentHashMap<String, String>()))
                .block();

        assertThat(seen).containsEntry(LogFields.REQUEST_ID, "req-1").containsEntry(LogFields.TENANT, "acme")
                .containsEntry(LogFields.TOKEN_ID, null);
        assertThat(MDC.get(LogFields.TENANT)).isEqualTo("left by someone else");
        assertThat(MDC.get(LogFields.TOKEN_ID)).isEqualTo("also left");
        assertThat(MDC.get(LogFields.REQUEST_ID)).isNull();
    }

    @Test
    void aLineThatThrowsStillLeavesTheMdcAsItWas() {
        Mono<Void> failing = LogFields.put(LogFields.REQUEST_ID, "req-2")
                .then(LogFields.logged(() -> {
                    throw new IllegalStateException("a line that fails");
                }))
                .contextWrite(context -> context.put(LogFields.CONTEXT_KEY, new ConcurrentHashMap<String, String>()));

        assertThat(failing.onErrorResume(IllegalStateException.class, e -> Mono.empty()).block()).isNull();
        assertThat(MDC.get(LogFields.REQUEST_ID)).isNull();
    }
}
