package dev.scimgateway.load.bench;

/**
 * One request of a benchmark case: method, path with query (already encoded), an optional JSON
 * body and {@code Idempotency-Key}, for a {@code /Bulk} request the number of operations it
 * carries (each must succeed for the request to count as a success), and the {@code Authorization}
 * it goes with when that is not the driver's own (a case that spreads requests over tenants).
 */
record HttpCall(String method, String pathAndQuery, String body, String idempotencyKey, int operations,
        String authorization) {

    static HttpCall get(String pathAndQuery) {
        return new HttpCall("GET", pathAndQuery, null, null, 1, null);
    }

    static HttpCall post(String path, String body) {
        return new HttpCall("POST", path, body, null, 1, null);
    }

    static HttpCall patch(String path, String body) {
        return new HttpCall("PATCH", path, body, null, 1, null);
    }

    static HttpCall bulk(String body, int operations) {
        return new HttpCall("POST", "/Bulk", body, null, operations, null);
    }

    HttpCall withIdempotencyKey(String key) {
        return new HttpCall(method, pathAndQuery, body, key, operations, authorization);
    }

    HttpCall withAuthorization(String value) {
        return new HttpCall(method, pathAndQuery, body, idempotencyKey, operations, value);
    }
}
