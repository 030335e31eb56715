package dev.scimgateway.load.okta;

import java.util.List;

/** One pushed group and the indexes (into the plan's users) of its members. */
public record PlannedGroup(int index, String displayName, int[] memberIndexes) {

    /** Okta sends membership in chunks (the admin setting defaults to 100 per PATCH). */
    public List<int[]> memberChunks(int chunkSize) {
        var chunks = new java.util.ArrayList<int[]>();
        for (int from = 0; from < memberIndexes.length; from += chunkSize) {
            chunks.add(java.util.Arrays.copyOfRange(memberIndexes, from, Math.min(memberIndexes.length, from + chunkSize)));
        }
        return chunks;
    }
}
