package dev.scimgateway.load.bulk;

import dev.scimgateway.load.bulk.BulkBatch.Kind;
import dev.scimgateway.load.okta.PlannedGroup;
import dev.scimgateway.load.okta.TenantPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a generated tenant into bulk batches so that group membership travels with the users.
 *
 * <p>Users are taken in plan order. A batch holds the POSTs of some users, then one operation per
 * group that has members among them: the group's {@code POST} (members as {@code bulkId:u…}) the
 * first time the group appears, afterwards a {@code PATCH /Groups/<id>} that adds the batch's
 * members, again by {@code bulkId:u…}. A batch closes when the next user and its new group
 * operations would pass the batch size. The first {@code bulkRequestUsers} users go into
 * BulkRequests of {@code bulkSize} operations, the rest into NDJSON streams of {@code ndjsonLines}.
 *
 * <p>Memberships that fit nowhere (a batch size smaller than a user's groups) are added at the
 * end, 100 members per {@code PATCH}, by the ids the users' creates answered.
 */
public final class BulkLayout {

    static final int MEMBERS_PER_PATCH = 100;

    private final int[][] groupsOfUser;
    private final boolean[] groupCreated;
    private final List<List<Integer>> leftovers;
    private final List<BulkBatch> batches = new ArrayList<>();

    private final List<Integer> users = new ArrayList<>();
    private final Map<Integer, List<Integer>> members = new LinkedHashMap<>();

    private BulkLayout(TenantPlan plan) {
        int groupCount = plan.groups().size();
        this.groupsOfUser = groupsOfUser(plan);
        this.groupCreated = new boolean[groupCount];
        this.leftovers = new ArrayList<>(groupCount);
        for (int g = 0; g < groupCount; g++) {
            leftovers.add(new ArrayList<>());
        }
    }

    public static List<BulkBatch> of(TenantPlan plan, int bulkRequestUsers, int bulkSize, int ndjsonLines) {
        if (bulkSize < 1 || ndjsonLines < 1) {
            throw new IllegalArgumentException("bulk.size and bulk.ndjsonLines must be at least 1");
        }
        int userCount = plan.users().size();
        int split = Math.max(0, Math.min(userCount, bulkRequestUsers));
        var layout = new BulkLayout(plan);
        layout.users(0, split, Kind.BULK_REQUEST, bulkSize);
        layout.users(split, userCount, Kind.NDJSON, ndjsonLines);
        boolean endsInStreams = split < userCount;
        layout.leftovers(endsInStreams ? Kind.NDJSON : Kind.BULK_REQUEST, endsInStreams ? ndjsonLines : bulkSize);
        return List.copyOf(layout.batches);
    }

    private void users(int from, int to, Kind kind, int capacity) {
        for (int user = from; user < to; user++) {
            int newGroups = (int) Arrays.stream(groupsOfUser[user]).filter(g -> !members.containsKey(g)).count();
            if (size() > 0 && size() + 1 + newGroups > capacity) {
                close(kind);
            }
            users.add(user);
            for (int group : groupsOfUser[user]) {
                if (members.containsKey(group) || size() < capacity) {
                    members.computeIfAbsent(group, g -> new ArrayList<>()).add(user);
                } else {
                    leftovers.get(group).add(user);
                }
            }
        }
        close(kind);
    }

    private int size() {
        return users.size() + members.size();
    }

    private void close(Kind kind) {
        if (size() == 0) {
            return;
        }
        List<BulkOp> ops = new ArrayList<>(size());
        users.forEach(user -> ops.add(new BulkOp.CreateUser(user)));
        members.forEach((group, list) -> {
            int[] ofBatch = list.stream().mapToInt(Integer::intValue).toArray();
            if (groupCreated[group]) {
                ops.add(new BulkOp.AddMembers(group, false, ofBatch, true));
            } else {
                groupCreated[group] = true;
                ops.add(new BulkOp.CreateGroup(group, ofBatch));
            }
        });
        batches.add(new BulkBatch(batches.size(), kind, List.copyOf(ops)));
        users.clear();
        members.clear();
    }

    /** Groups no batch created yet, then the memberships that did not fit, by real ids. */
    private void leftovers(Kind kind, int capacity) {
        List<BulkOp> ops = new ArrayList<>();
        int[] createdAt = new int[groupCreated.length];
        Arrays.fill(createdAt, -1);
        for (int group = 0; group < groupCreated.length; group++) {
            if (!groupCreated[group]) {
                groupCreated[group] = true;
                ops = flushIfFull(ops, kind, capacity);
                createdAt[group] = batches.size();
                ops.add(new BulkOp.CreateGroup(group, new int[0]));
            }
            List<Integer> rest = leftovers.get(group);
            for (int from = 0; from < rest.size(); from += MEMBERS_PER_PATCH) {
                int[] chunk = rest.subList(from, Math.min(rest.size(), from + MEMBERS_PER_PATCH)).stream()
                        .mapToInt(Integer::intValue).toArray();
                ops = flushIfFull(ops, kind, capacity);
                ops.add(new BulkOp.AddMembers(group, createdAt[group] == batches.size(), chunk, false));
            }
        }
        if (!ops.isEmpty()) {
            batches.add(new BulkBatch(batches.size(), kind, List.copyOf(ops)));
        }
    }

    private List<BulkOp> flushIfFull(List<BulkOp> ops, Kind kind, int capacity) {
        if (ops.size() < capacity) {
            return ops;
        }
        batches.add(new BulkBatch(batches.size(), kind, List.copyOf(ops)));
        return new ArrayList<>();
    }

    private static int[][] groupsOfUser(TenantPlan plan) {
        int userCount = plan.users().size();
        List<List<Integer>> byUser = new ArrayList<>(userCount);
        for (int u = 0; u < userCount; u++) {
            byUser.add(new ArrayList<>());
        }
        for (PlannedGroup group : plan.groups()) {
            for (int member : group.memberIndexes()) {
                byUser.get(member).add(group.index());
            }
        }
        int[][] result = new int[userCount][];
        for (int u = 0; u < userCount; u++) {
            result[u] = byUser.get(u).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return result;
    }
}
