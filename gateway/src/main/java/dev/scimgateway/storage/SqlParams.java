package dev.scimgateway.storage;

import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Values collected while SQL text is built, each replaced in the text by its {@code $n}
 * placeholder: generated SQL never contains a client's value.
 */
final class SqlParams {

    /** The placeholder of the tenant, which every statement built over these parameters binds first. */
    static final String TENANT = "$1";

    private final List<Object> values = new ArrayList<>();

    SqlParams(Object... first) {
        values.addAll(List.of(first));
    }

    /** Adds a value and returns its placeholder. */
    String add(Object value) {
        values.add(value);
        return "$" + values.size();
    }

    DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec) {
        for (int i = 0; i < values.size(); i++) {
            spec = spec.bind(i, values.get(i));
        }
        return spec;
    }
}
