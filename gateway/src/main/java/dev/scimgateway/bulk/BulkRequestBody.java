package dev.scimgateway.bulk;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a BulkRequest document carries for {@link BulkService}: {@code failOnErrors} (0 when absent
 * or null) and the operations, one tree each, in request order. An element that is not an object
 * is kept as it is, so that its failure is reported in its place.
 */
public record BulkRequestBody(int failOnErrors, List<JsonNode> operations) {

    public BulkRequestBody {
        operations = List.copyOf(operations);
    }
}
