package dev.scimgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledWarningTest {

    @Test
    void logsTheFirstThenOneLinePerIntervalCountingWhatItLeftOut() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("throttled-warning-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        AtomicInteger built = new AtomicInteger();
        ThrottledWarning warning = new ThrottledWarning(logger, Duration.ofMillis(200));

        for (int i = 0; i < 1000; i++) {
            int n = i;
            warning.warn(() -> "shed " + n + " (" + built.incrementAndGet() + ")");
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("shed 0 (1)");
        assertThat(built).as("messages built only when logged").hasValue(1);

        Thread.sleep(250);
        warning.warn(() -> "shed again");
        assertThat(lines.list).hasSize(2);
        assertThat(lines.list.get(1).getFormattedMessage()).startsWith("shed again").contains("999 more");
    }
}
