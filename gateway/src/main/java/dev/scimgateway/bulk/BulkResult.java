package dev.scimgateway.bulk;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** What one bulk operation answered: its entry in the response, and the id a successful POST created. */
record BulkResult(int index, ObjectNode json, @Nullable String createdId, boolean failed) {}
