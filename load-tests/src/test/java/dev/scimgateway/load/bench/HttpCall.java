package dev.scimgateway.load.bench;

/** One request of a benchmark case: method, path with query (already encoded) and an optional JSON body. */
record HttpCall(String method, String pathAndQuery, String body) {

    static HttpCall get(String pathAndQuery) {
        return new HttpCall("GET", pathAndQuery, null);
    }

    static HttpCall post(String path, String body) {
        return new HttpCall("POST", path, body);
    }

    static HttpCall patch(String path, String body) {
        return new HttpCall("PATCH", path, body);
    }
}
