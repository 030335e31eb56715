package dev.scimgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledWarningTest {

    @Test
    void logsTheFirstThenOneLinePerIntervalCountingWhatItLeftOut() {
        Logger logger = (Logger) LoggerFactory.getLogger("throttled-warning-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        AtomicInteger built = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        ThrottledWarning warning = new ThrottledWarning(logger, Duration.ofMillis(200), now::get);

        for (int i = 0; i < 1000; i++) {
            int n = i;
            warning.warn(() -> "shed " + n + " (" + built.incrementAndGet() + ")");
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("shed 0 (1)");
        assertThat(built).as("messages built only when logged").hasValue(1);

        now.addAndGet(Duration.ofMillis(199).toNanos());
        warning.warn(() -> "shed within the interval");
        assertThat(lines.list).hasSize(1);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        warning.warn(() -> "shed again");
        assertThat(lines.list).hasSize(2);
        assertThat(lines.list.get(1).getFormattedMessage()).startsWith("shed again").contains("1000 more");
    }
}
