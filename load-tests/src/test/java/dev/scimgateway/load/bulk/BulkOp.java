package dev.scimgateway.load.bulk;

/**
 * One planned operation of a bulk request or NDJSON stream. Users are named by plan index; a user
 * created in the same batch is referenced as {@code bulkId:u<index>}, any other by the id its
 * create answered. A group created in the same batch is {@code bulkId:g<index>}, any other its id.
 */
public sealed interface BulkOp {

    /** {@code POST /Users} with bulkId {@code u<user>}. */
    record CreateUser(int user) implements BulkOp {}

    /** {@code POST /Groups} with bulkId {@code g<group>}; its members are users created in the same batch. */
    record CreateGroup(int group, int[] members) implements BulkOp {}

    /**
     * {@code PATCH /Groups/<id>} adding members: users created in the same batch
     * ({@code membersInBatch}) or earlier; the group itself may have been created in the same batch.
     */
    record AddMembers(int group, boolean groupInBatch, int[] members, boolean membersInBatch) implements BulkOp {}

    static String userBulkId(int user) {
        return "u" + user;
    }

    static String groupBulkId(int group) {
        return "g" + group;
    }
}
