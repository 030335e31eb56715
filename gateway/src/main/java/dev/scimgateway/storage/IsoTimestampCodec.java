package dev.scimgateway.storage;

import io.netty.buffer.ByteBuf;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.codec.CodecMetadata;
import io.r2dbc.postgresql.codec.CodecRegistry;
import io.r2dbc.postgresql.codec.PostgresTypeIdentifier;
import io.r2dbc.postgresql.codec.PostgresqlObjectId;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import io.r2dbc.postgresql.message.Format;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The driver's codec for {@code timestamptz}, with a fast way to read the text PostgreSQL sends.
 * Every resource row carries two timestamps, and the driver reads their text with java.time's
 * general parser, which fills a map per field: 3 % of the CPU of a point read (JFR, 2026-12-05).
 * Under the DateStyle the driver sets (ISO), a timestamptz in the years 1–9999 AD has one shape,
 * {@code 2026-12-05 23:53:12.123456+05:30}, read here by position. Any other text (infinity, BC, a
 * five-digit year) goes to the driver's codec, and so does everything else it does: binary values,
 * encoding parameters.
 */
final class IsoTimestampCodec implements Codec<OffsetDateTime>, CodecMetadata {

    private static final PostgresqlObjectId TIMESTAMPTZ = PostgresqlObjectId.TIMESTAMPTZ;
    /** {@code yyyy-mm-dd hh:mm:ss+hh}, the shortest text of the shape. */
    private static final int SHORTEST = 22;

    private final Codec<OffsetDateTime> driver;

    private IsoTimestampCodec(Codec<OffsetDateTime> driver) {
        this.driver = driver;
    }

    /** Puts this codec in front of the driver's codec for timestamptz, which it wraps, on every connection. */
    static CodecRegistrar registrar() {
        return (connection, allocator, registry) -> Mono.fromRunnable(
                () -> registry.addFirst(new IsoTimestampCodec(driverCodec(registry))));
    }

    @SuppressWarnings("unchecked")
    private static Codec<OffsetDateTime> driverCodec(CodecRegistry registry) {
        for (Codec<?> codec : registry) {
            if (!(codec instanceof IsoTimestampCodec)
                    && codec.canDecode(TIMESTAMPTZ.getObjectId(), Format.FORMAT_TEXT, OffsetDateTime.class)) {
                return (Codec<OffsetDateTime>) codec;
            }
        }
        throw new IllegalStateException("The PostgreSQL driver has no codec for timestamptz");
    }

    /** Only what it reads faster: every other decode finds the driver's codec as before. */
    @Override
    public boolean canDecode(int dataType, Format format, Class<?> type) {
        return dataType == TIMESTAMPTZ.getObjectId() && format == Format.FORMAT_TEXT && type == OffsetDateTime.class;
    }

    @Override
    public @Nullable OffsetDateTime decode(@Nullable ByteBuf buffer, int dataType, Format format,
            Class<? extends OffsetDateTime> type) {
        if (buffer == null) {
            return null;
        }
        OffsetDateTime read = read(buffer);
        return read != null ? read : driver.decode(buffer, dataType, format, type);
    }

    /** The text's timestamp when it has the ISO shape; null, and the buffer untouched, when not. */
    static @Nullable OffsetDateTime read(ByteBuf text) {
        int at = text.readerIndex();
        int end = text.writerIndex();
        if (end - at < SHORTEST || text.getByte(at + 4) != '-' || text.getByte(at + 7) != '-' || text.getByte(at + 10) != ' '
                || text.getByte(at + 13) != ':' || text.getByte(at + 16) != ':') {
            return null;
        }
        int year = digits(text, at, 4, end);
        int month = digits(text, at + 5, 2, end);
        int day = digits(text, at + 8, 2, end);
        int hour = digits(text, at + 11, 2, end);
        int minute = digits(text, at + 14, 2, end);
        int second = digits(text, at + 17, 2, end);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = at + 19;
        int nanos = 0;
        if (text.getByte(i) == '.') {
            int scale = 100_000_000;
            for (i++; i < end && isDigit(text.getByte(i)); i++) {
                if (scale == 0) {
                    return null;
                }
                nanos += (text.getByte(i) - '0') * scale;
                scale /= 10;
            }
            if (scale == 100_000_000) {
                return null;
            }
        }
        if (i >= end || (text.getByte(i) != '+' && text.getByte(i) != '-')) {
            return null;
        }
        int sign = text.getByte(i) == '-' ? -1 : 1;
        int offset = 0;
        int unit = 3600;
        // Hours, then minutes and seconds when the zone has them (+05:30, or an old local mean time).
        do {
            int value = digits(text, i + 1, 2, end);
            if (value < 0) {
                return null;
            }
            offset += value * unit;
            i += 3;
            unit /= 60;
        } while (unit >= 1 && i < end && text.getByte(i) == ':');
        return i == end ? OffsetDateTime.of(year, month, day, hour, minute, second, nanos,
                ZoneOffset.ofTotalSeconds(sign * offset)) : null;
    }

    /** The decimal number in {@code count} bytes from {@code from}, or -1 when they are not all digits. */
    private static int digits(ByteBuf text, int from, int count, int end) {
        if (from + count > end) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            byte b = text.getByte(i);
            if (!isDigit(b)) {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    // The driver caches the first codec whose metadata names a Java type as the encoder of that
    // type, so this one is asked to encode OffsetDateTime parameters: the driver's codec does it.

    @Override
    public boolean canEncode(Object value) {
        return driver.canEncode(value);
    }

    @Override
    public boolean canEncodeNull(Class<?> type) {
        return driver.canEncodeNull(type);
    }

    @Override
    public EncodedParameter encode(Object value) {
        return driver.encode(value);
    }

    @Override
    public EncodedParameter encode(Object value, int dataType) {
        return driver.encode(value, dataType);
    }

    @Override
    public EncodedParameter encodeNull() {
        return driver.encodeNull();
    }

    @Override
    public Class<?> type() {
        return OffsetDateTime.class;
    }

    @Override
    public Iterable<? extends PostgresTypeIdentifier> getDataTypes() {
        return List.of(TIMESTAMPTZ);
    }

    @Override
    public Iterable<Format> getFormats() {
        return EnumSet.of(Format.FORMAT_TEXT);
    }
}
