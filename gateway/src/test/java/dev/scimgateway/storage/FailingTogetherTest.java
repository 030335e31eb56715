package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.scim.protocol.ScimException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A batch the database did not answer may have committed: it is never run again, write by write. */
class FailingTogetherTest {

    /** Runs its statement, then loses the connection before the answer, as a cut after COMMIT does. */
    private static final class CutAfterCommit implements Coalescer.Statement<Integer, Integer> {
        final List<List<Integer>> runs = new CopyOnWriteArrayList<>();

        @Override
        public Mono<List<Coalescer.Outcome<Integer>>> many(List<Integer> writes) {
            runs.add(writes);
            return Mono.error(new DataAccessResourceFailureException("Connection closed",
                    new R2dbcNonTransientResourceException("Connection reset by peer")));
        }
    }

    @Test
    void aBatchTheDatabaseDidNotAnswerFailsEveryWriteWith503() {
        var statement = new CutAfterCommit();

        StepVerifier.create(FailingTogether.onOutage(statement).many(List.of(1, 2, 3)))
                .assertNext(outcomes -> assertThat(outcomes).hasSize(3).allSatisfy(outcome -> {
                    assertThat(outcome.value()).isNull();
                    assertThat(outcome.error()).isInstanceOfSatisfying(ScimException.class,
                            e -> assertThat(e.status()).isEqualTo(503));
                }))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(statement.runs).containsExactly(List.of(1, 2, 3));
    }

    /** A statement the database refused says nothing of which write caused it: the coalescer still sorts that out. */
    @Test
    void aStatementTheDatabaseRefusedFailsAsItDid() {
        Coalescer.Statement<Integer, Integer> refusing = writes -> Mono.error(new IllegalStateException("bad row"));

        StepVerifier.create(FailingTogether.onOutage(refusing).many(List.of(1, 2)))
                .expectErrorMessage("bad row")
                .verify(Duration.ofSeconds(5));
    }
}
