package dev.scimgateway.scim.protocol.filter;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** SCIM dateTime values (RFC 7643 §2.3.5, xsd:dateTime) as instants, so offsets compare correctly. */
final class DateTimes {

    private DateTimes() {
    }

    static Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            // xsd:dateTime allows omitting the zone; UTC is the only reading a server can defend.
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }
}
