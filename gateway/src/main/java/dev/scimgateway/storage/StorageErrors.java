package dev.scimgateway.storage;

import dev.scimgateway.idempotency.KeyHeld;
import io.r2dbc.postgresql.api.PostgresqlException;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.schema.IndexedStrings;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Storage failures translated once, by category, into SCIM errors. Adapters apply it with
 * {@code onErrorMap(StorageErrors::translate)} so that callers only ever see ScimException.
 */
final class StorageErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    /** The key of idempotency_record: a create found its Idempotency-Key taken ({@link CreationKeys}). */
    private static final String IDEMPOTENCY_KEY = "idempotency_record_pkey";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK = "40P01";
    private static final String PROGRAM_LIMIT_EXCEEDED = "54000";
    /** What text (0x00 in UTF-8) and jsonb (the escape of U+0000) say about a NUL character. */
    private static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";
    private static final String UNTRANSLATABLE_CHARACTER = "22P05";
    private static final String DATA_EXCEPTION_CLASS = "22";
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final String INSUFFICIENT_RESOURCES_CLASS = "53";
    private static final String OPERATOR_INTERVENTION_CLASS = "57";

    private StorageErrors() {}

    /** {@code uniqueness} names what clashed, e.g. "userName 'jane' is already taken". */
    static Throwable translate(Throwable failure, String uniqueness) {
        if (failure instanceof ScimException) {
            return failure;
        }
        String state = sqlState(failure);
        if (UNIQUE_VIOLATION.equals(state) && IDEMPOTENCY_KEY.equals(constraint(failure))) {
            return new KeyHeld();
        }
        if (UNIQUE_VIOLATION.equals(state) || failure instanceof DuplicateKeyException) {
            return ScimException.uniqueness(uniqueness);
        }
        if (PROGRAM_LIMIT_EXCEEDED.equals(state)) {
            // An index row over PostgreSQL's size limit: the validator keeps indexed strings short, this is the backstop.
            return ScimException.invalidValue("A value is too large for the database to index; userName, externalId and"
                    + " displayName may be at most " + IndexedStrings.MAX_LENGTH + " characters");
        }
        if (state.startsWith(CONNECTION_EXCEPTION_CLASS) || state.startsWith(INSUFFICIENT_RESOURCES_CLASS)
                || state.startsWith(OPERATOR_INTERVENTION_CLASS) || "55000".equals(state)) {
            // Connection lost or refused, server shutting down, out of resources: the database, not the request.
            return ScimException.unavailable("The database is unavailable; retry later");
        }
        if (CHARACTER_NOT_IN_REPERTOIRE.equals(state) || UNTRANSLATABLE_CHARACTER.equals(state)) {
            // Requests are checked for NUL characters before any write; this is the backstop.
            return ScimException.invalidValue("A value holds a character the database cannot store, such as NUL"
                    + " (\\u0000); remove it");
        }
        if (state.startsWith(DATA_EXCEPTION_CLASS)) {
            // A stored value that does not fit its declared type, e.g. after an extension schema changed a type.
            return ScimException.invalidValue("Stored values do not fit the type this request compares or sorts them"
                    + " as; check the attribute's type in the tenant's extension schema");
        }
        if (SERIALIZATION_FAILURE.equals(state) || DEADLOCK.equals(state)) {
            return ScimException.conflict("A concurrent change touched the same resource; retry the request");
        }
        if (isOutage(failure)) {
            return ScimException.unavailable("The database is unavailable; retry later");
        }
        if (failure instanceof R2dbcDataIntegrityViolationException || failure instanceof DataIntegrityViolationException) {
            return ScimException.invalidValue("The change violates a data rule: " + firstLine(failure));
        }
        return failure;
    }

    static Throwable translate(Throwable failure) {
        return translate(failure, "The value is already taken");
    }

    /**
     * A connection that could not be had in time, was lost or timed out, wherever in the chain of
     * causes: Spring wraps the driver's and the pool's exceptions, e.g. a pool that hands out no
     * connection within its acquire timeout in "Failed to obtain R2DBC Connection".
     */
    static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof R2dbcTransientResourceException || t instanceof R2dbcNonTransientResourceException
                    || t instanceof R2dbcTimeoutException || t instanceof TimeoutException
                    || t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null) {
                return r2dbc.getSqlState();
            }
        }
        return "";
    }

    private static String constraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PostgresqlException postgres) {
                return postgres.getErrorDetails().getConstraintName().orElse("");
            }
        }
        return "";
    }

    private static String firstLine(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
