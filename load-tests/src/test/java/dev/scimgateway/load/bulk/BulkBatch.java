package dev.scimgateway.load.bulk;

import java.util.List;

/** One {@code POST /Bulk}: a BulkRequest document or an NDJSON stream, with its operations in sending order. */
public record BulkBatch(int index, Kind kind, List<BulkOp> operations) {

    public enum Kind {
        /** RFC 7644 §3.7: {@code {"Operations": [...]}}, answered by one BulkResponse. */
        BULK_REQUEST,
        /** {@code application/x-ndjson}: one operation per line, one result line each. */
        NDJSON
    }
}
