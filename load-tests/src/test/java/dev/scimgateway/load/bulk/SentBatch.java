package dev.scimgateway.load.bulk;

import java.util.List;

/**
 * A batch as it went out: the body, and the operations in it in order (the n-th result answers the
 * n-th of them). Operations whose group or every member failed to be created are left out.
 */
public record SentBatch(BulkBatch batch, String body, List<BulkOp> operations, int skipped) {}
