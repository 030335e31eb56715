package dev.scimgateway.load.bench;

/**
 * One request of a benchmark case: method, path with query (already encoded), an optional JSON
 * body and {@code Idempotency-Key}, and for a {@code /Bulk} request the number of operations it
 * carries (each must succeed for the request to count as a success).
 */
record HttpCall(String method, String pathAndQuery, String body, String idempotencyKey, int operations) {

    static HttpCall get(String pathAndQuery) {
        return new HttpCall("GET", pathAndQuery, null, null, 1);
    }

    static HttpCall post(String path, String body) {
        return new HttpCall("POST", path, body, null, 1);
    }

    static HttpCall patch(String path, String body) {
        return new HttpCall("PATCH", path, body, null, 1);
    }

    static HttpCall bulk(String body, int operations) {
        return new HttpCall("POST", "/Bulk", body, null, operations);
    }

    HttpCall withIdempotencyKey(String key) {
        return new HttpCall(method, pathAndQuery, body, key, operations);
    }
}
