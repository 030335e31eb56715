package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.EmbeddedDatabases;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.postgresql.codec.DefaultCodecs;
import io.r2dbc.postgresql.codec.PostgresqlObjectId;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import io.r2dbc.postgresql.message.Format;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pool reads timestamptz by position, and reads exactly what the driver's own codec reads, for
 * every shape PostgreSQL sends in any time zone; timestamps sent as parameters are unchanged.
 */
class IsoTimestampCodecTest {

    private static final String PASSWORD = "timestamps-" + UUID.randomUUID();
    private static final int TIMESTAMPTZ = PostgresqlObjectId.TIMESTAMPTZ.getObjectId();
    /** Whole hours, half hours, three quarters, negative ones, and local mean times with seconds (before 1900). */
    private static final List<String> ZONES = List.of("UTC", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham",
            "America/Los_Angeles", "Europe/Amsterdam", "Asia/Kathmandu");
    private static final List<String> VALUES = List.of("2026-12-05 23:53:12.123456+00", "2026-12-05 23:53:12+00",
            "2026-06-30 12:00:00.5+00", "2026-01-01 00:00:00.000001+00", "1999-12-31 23:59:59.99999+00",
            "1890-07-01 12:00:00+00", "1000-01-01 00:00:00+00", "9999-12-31 23:59:59.999999+00",
            "0999-06-01 00:00:00+00", "10000-01-01 00:00:00+00", "0044-03-15 12:00:00+00 BC", "infinity", "-infinity");

    private static Database database;
    private static ConnectionPool pool;
    private static ConnectionFactory plainDriver;

    @BeforeAll
    static void startDatabase() throws Exception {
        database = EmbeddedDatabases.fresh("timestamps-db", PASSWORD);
        pool = database.connectionPool(2, Duration.ofSeconds(10));
        plainDriver = ConnectionFactories.get(ConnectionFactoryOptions.parse(database.r2dbcUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, EmbeddedPostgres.SUPERUSER)
                .option(ConnectionFactoryOptions.PASSWORD, PASSWORD)
                .build());
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        pool.dispose();
        database.close();
    }

    @Test
    void thePoolReadsWhatTheDriverReadsInEveryZone() {
        for (String zone : ZONES) {
            List<OffsetDateTime> pooled = read(pool, zone);
            assertThat(pooled).as("read in %s", zone).hasSize(VALUES.size()).doesNotContainNull()
                    .isEqualTo(read(plainDriver, zone));
        }
    }

    @Test
    void parametersAreEncodedAsBefore() {
        var sent = OffsetDateTime.of(2026, 12, 5, 23, 53, 12, 123_456_000, ZoneOffset.ofHoursMinutes(5, 30));
        Boolean same = Mono.usingWhen(pool.create(),
                c -> Mono.from(c.createStatement("SELECT $1::timestamptz = '2026-12-05 18:23:12.123456+00'::timestamptz")
                        .bind(0, sent).execute()).flatMap(r -> Mono.from(r.map((row, meta) -> row.get(0, Boolean.class)))),
                Connection::close).block(Duration.ofSeconds(10));
        assertThat(same).isTrue();
    }

    @Test
    void theDriverAsksItFirstForTimestamptzTextOnly() {
        var codecs = new DefaultCodecs(ByteBufAllocator.DEFAULT);
        Mono.from(IsoTimestampCodec.registrar().register(null, ByteBufAllocator.DEFAULT, codecs)).block();
        assertThat(codecs.iterator().next()).isInstanceOf(IsoTimestampCodec.class);

        // Read by position, the buffer is left as it was; the driver's codec reads it through.
        ByteBuf iso = text("2026-12-05 23:53:12.123456+05:30");
        assertThat(codecs.decode(iso, TIMESTAMPTZ, Format.FORMAT_TEXT, OffsetDateTime.class))
                .isEqualTo(OffsetDateTime.of(2026, 12, 5, 23, 53, 12, 123_456_000, ZoneOffset.ofHoursMinutes(5, 30)));
        assertThat(iso.readerIndex()).isZero();
        ByteBuf infinity = text("infinity");
        assertThat(codecs.decode(infinity, TIMESTAMPTZ, Format.FORMAT_TEXT, OffsetDateTime.class)).isEqualTo(OffsetDateTime.MAX);
        assertThat(infinity.isReadable()).isFalse();
        // Another type asked for is the driver's business alone.
        ByteBuf asObject = text("2026-12-05 23:53:12+00");
        codecs.decode(asObject, TIMESTAMPTZ, Format.FORMAT_TEXT, Object.class);
        assertThat(asObject.isReadable()).isFalse();
    }

    @Test
    void readsTheIsoShapeAndLeavesEverythingElse() {
        Map<String, OffsetDateTime> read = Map.of(
                "2026-12-05 23:53:12+00", OffsetDateTime.of(2026, 12, 5, 23, 53, 12, 0, ZoneOffset.UTC),
                "2026-12-05 23:53:12.1-03:30",
                OffsetDateTime.of(2026, 12, 5, 23, 53, 12, 100_000_000, ZoneOffset.ofHoursMinutes(-3, -30)),
                "1890-07-01 12:00:00+00:19:32",
                OffsetDateTime.of(1890, 7, 1, 12, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(0, 19, 32)),
                "2026-12-05 23:53:12.123456789+12:45",
                OffsetDateTime.of(2026, 12, 5, 23, 53, 12, 123_456_789, ZoneOffset.ofHoursMinutes(12, 45)));
        read.forEach((text, expected) -> assertThat(IsoTimestampCodec.read(text(text))).as(text).isEqualTo(expected));

        List<String> left = new ArrayList<>(List.of("infinity", "-infinity", "10000-01-01 00:00:00+00",
                "0044-03-15 12:00:00+00 BC", "2026-12-05 23:53:12", "2026-12-05 23:53:12.+00",
                "2026-12-05 23:53:12.1234567891+00", "2026-12-05 23:53+00", "2026-12-05T23:53:12+00",
                "2026-12-05 23:53:12+5", "2026-12-05 23:53:12+05:3", "2026-12-05 23:53:12+05:30:", "2026-1x-05 23:53:12+00",
                "", "2026-12-05 23:53:12+00 "));
        for (String text : left) {
            ByteBuf buffer = text(text);
            assertThat(IsoTimestampCodec.read(buffer)).as("'%s'", text).isNull();
            assertThat(buffer.readerIndex()).isZero();
        }
    }

    @Test
    void thePoolsConnectionsCarryIt() {
        Object extensions = database.connectOptions().getValue(PostgresqlConnectionFactoryProvider.EXTENSIONS);
        assertThat(extensions).asInstanceOf(InstanceOfAssertFactories.LIST)
                .singleElement().isInstanceOf(CodecRegistrar.class);
    }

    /** Each of {@link #VALUES} as {@code factory}'s connection reads them in {@code zone}. */
    private static List<OffsetDateTime> read(ConnectionFactory factory, String zone) {
        String values = String.join(", ", VALUES.stream().map(v -> "('" + v + "'::timestamptz)").toList());
        return Mono.usingWhen(Mono.from(factory.create()),
                c -> Flux.from(c.createStatement("SET TIME ZONE '" + zone + "'").execute()).flatMap(r -> r.getRowsUpdated())
                        .thenMany(Flux.from(c.createStatement("SELECT v FROM (VALUES " + values + ") AS t(v)").execute()))
                        .flatMap(r -> r.map((row, meta) -> row.get(0, OffsetDateTime.class)))
                        .collectList(),
                Connection::close).block(Duration.ofSeconds(10));
    }

    private static ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
