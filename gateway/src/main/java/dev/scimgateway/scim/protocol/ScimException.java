package dev.scimgateway.scim.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The one SCIM error type (RFC 7644 §3.12): an HTTP status, an optional {@code scimType} and a
 * {@code detail} that tells the client what to fix. Created only through the factories below so
 * that every scimType keeps its status. Pure code may throw it; reactive chains emit it as an
 * error signal.
 */
public final class ScimException extends RuntimeException {

    private final int status;
    private final @Nullable ScimType scimType;
    private final long retryAfterSeconds;
    private final boolean refused;

    private ScimException(int status, @Nullable ScimType scimType, String detail) {
        this(status, scimType, detail, 0);
    }

    private ScimException(int status, @Nullable ScimType scimType, String detail, long retryAfterSeconds) {
        this(status, scimType, detail, retryAfterSeconds, false);
    }

    private ScimException(int status, @Nullable ScimType scimType, String detail, long retryAfterSeconds,
            boolean refused) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
        this.retryAfterSeconds = retryAfterSeconds;
        this.refused = refused;
    }

    /**
     * Whether the request was turned away before it could change anything. Any other server error
     * on a write may have come after its change committed, and its outcome is unknown.
     */
    public boolean refused() {
        return refused;
    }

    /** Seconds a client should wait before retrying (the Retry-After header), or 0 when not said. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public @Nullable ScimType scimType() {
        return scimType;
    }

    public String detail() {
        String message = getMessage();
        return message == null ? "" : message;
    }

    public static ScimException invalidFilter(String detail) {
        return new ScimException(400, ScimType.INVALID_FILTER, detail);
    }

    public static ScimException invalidSyntax(String detail) {
        return new ScimException(400, ScimType.INVALID_SYNTAX, detail);
    }

    public static ScimException invalidPath(String detail) {
        return new ScimException(400, ScimType.INVALID_PATH, detail);
    }

    public static ScimException invalidValue(String detail) {
        return new ScimException(400, ScimType.INVALID_VALUE, detail);
    }

    public static ScimException noTarget(String detail) {
        return new ScimException(400, ScimType.NO_TARGET, detail);
    }

    public static ScimException mutability(String detail) {
        return new ScimException(400, ScimType.MUTABILITY, detail);
    }

    public static ScimException tooMany(String detail) {
        return new ScimException(400, ScimType.TOO_MANY, detail);
    }

    public static ScimException invalidVersion(String detail) {
        return new ScimException(400, ScimType.INVALID_VERS, detail);
    }

    public static ScimException uniqueness(String detail) {
        return new ScimException(409, ScimType.UNIQUENESS, detail);
    }

    public static ScimException invalidCursor(String detail) {
        return new ScimException(400, ScimType.INVALID_CURSOR, detail);
    }

    public static ScimException expiredCursor(String detail) {
        return new ScimException(400, ScimType.EXPIRED_CURSOR, detail);
    }

    public static ScimException invalidCount(String detail) {
        return new ScimException(400, ScimType.INVALID_COUNT, detail);
    }

    /** A 400 without a scimType: the request is wrong in a way RFC 7644 has no keyword for. */
    public static ScimException badRequest(String detail) {
        return new ScimException(400, null, detail);
    }

    public static ScimException unauthorized(String detail) {
        return new ScimException(401, null, detail);
    }

    public static ScimException forbidden(String detail) {
        return new ScimException(403, null, detail);
    }

    public static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    public static ScimException methodNotAllowed(String detail) {
        return new ScimException(405, null, detail);
    }

    public static ScimException notAcceptable(String detail) {
        return new ScimException(406, null, detail);
    }

    public static ScimException conflict(String detail) {
        return new ScimException(409, null, detail);
    }

    public static ScimException preconditionFailed(String detail) {
        return new ScimException(412, null, detail);
    }

    public static ScimException payloadTooLarge(String detail) {
        return new ScimException(413, null, detail);
    }

    public static ScimException unsupportedMediaType(String detail) {
        return new ScimException(415, null, detail);
    }

    public static ScimException uriTooLong(String detail) {
        return new ScimException(414, null, detail);
    }

    public static ScimException headersTooLarge(String detail) {
        return new ScimException(431, null, detail);
    }

    /** 422: understood but refused, e.g. an Idempotency-Key reused for a different request. */
    public static ScimException unprocessable(String detail) {
        return new ScimException(422, null, detail);
    }

    public static ScimException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ScimException(429, null, detail, Math.max(1, retryAfterSeconds));
    }

    public static ScimException internal(String detail) {
        return new ScimException(500, null, detail);
    }

    public static ScimException unavailable(String detail) {
        return new ScimException(503, null, detail, 1);
    }

    /** 503 for a request turned away before it ran (no capacity, the database paused): nothing was applied. */
    public static ScimException refused(String detail, long retryAfterSeconds) {
        return new ScimException(503, null, detail, Math.max(1, retryAfterSeconds), true);
    }

    public static ScimException notImplemented(String detail) {
        return new ScimException(501, null, detail);
    }

    /**
     * 499, nginx's code for a client that closed its connection before its answer: never sent,
     * since nobody is left to read it, but counted as the client's doing, not the server's.
     */
    public static ScimException clientClosedRequest(String detail) {
        return new ScimException(499, null, detail);
    }

    public static ScimException httpVersionNotSupported(String detail) {
        return new ScimException(505, null, detail);
    }
}
