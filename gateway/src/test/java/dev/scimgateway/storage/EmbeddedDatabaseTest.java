package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The zero-configuration database keeps its data across restarts and runs durably. */
class EmbeddedDatabaseTest {

    @Test
    void survivesRestartAndRunsWithFsyncAndSynchronousCommit() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "embedded-db");
        try (Database first = Database.open(null, null, null, dir)) {
            first.migrate();
            var pool = first.connectionPool(2, Duration.ofSeconds(5));
            assertThat(setting(pool, "fsync")).isEqualTo("on");
            assertThat(setting(pool, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(pool, "full_page_writes")).isEqualTo("on");
            execute(pool, "INSERT INTO tenant (id, display_name) VALUES ('kept', 'Kept')");
            pool.dispose();
        }
        try (Database second = Database.open(null, null, null, dir)) {
            second.migrate();
            var pool = second.connectionPool(2, Duration.ofSeconds(5));
            String name = Mono.usingWhen(pool.create(),
                    c -> Mono.from(c.createStatement("SELECT display_name FROM tenant WHERE id = 'kept'").execute())
                            .flatMap(r -> Mono.from(r.map((row, meta) -> row.get(0, String.class)))),
                    Connection::close).block(Duration.ofSeconds(10));
            assertThat(name).isEqualTo("Kept");
            pool.dispose();
        }
    }

    private static String setting(io.r2dbc.pool.ConnectionPool pool, String name) {
        return Mono.usingWhen(pool.create(),
                c -> Mono.from(c.createStatement("SELECT current_setting($1)").bind(0, name).execute())
                        .flatMap(r -> Mono.from(r.map((row, meta) -> row.get(0, String.class)))),
                Connection::close).block(Duration.ofSeconds(10));
    }

    private static void execute(io.r2dbc.pool.ConnectionPool pool, String sql) {
        Mono.usingWhen(pool.create(), c -> Mono.from(c.createStatement(sql).execute()).flatMap(r -> Mono.from(r.getRowsUpdated())),
                Connection::close).block(Duration.ofSeconds(10));
    }
}
