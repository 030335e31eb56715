package dev.scimgateway.ratelimit;

/** A tenant's budgets: reads (GET, search) and writes (POST, PUT, PATCH, DELETE) are limited apart. */
public record TenantLimits(Limit read, Limit write) {

    public Limit of(Kind kind) {
        return kind == Kind.READ ? read : write;
    }

    public enum Kind {
        READ("read"), WRITE("write");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
