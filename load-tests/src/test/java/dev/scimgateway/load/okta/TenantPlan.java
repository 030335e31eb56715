package dev.scimgateway.load.okta;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated tenant: N users and M groups whose sizes are skewed the way real directories are.
 * Group 0 is the giant one ("Everyone": every user); group r (r ≥ 1) holds about N / (2r) users,
 * so a few groups are big and most are small. The same seed always gives the same tenant.
 */
public record TenantPlan(List<PlannedUser> users, List<PlannedGroup> groups, int[] deactivatedIndexes) {

    private static final String[] GIVEN = {"Ada", "Ben", "Chen", "Dana", "Eve", "Farid", "Grace", "Hiro", "Ines", "Jon"};
    private static final String[] FAMILY = {"Ng", "Okafor", "Silva", "Meyer", "Kowalski", "Haddad", "Tanaka", "Rossi"};

    public static TenantPlan generate(int userCount, int groupCount, double deactivatedShare, long seed) {
        var random = new Random(seed);
        // A per-run tag keeps userNames apart when a plan is pushed twice into one tenant.
        String tag = Long.toString(Math.abs(seed), 36);
        var users = new ArrayList<PlannedUser>(userCount);
        for (int i = 0; i < userCount; i++) {
            String given = GIVEN[random.nextInt(GIVEN.length)];
            String family = FAMILY[random.nextInt(FAMILY.length)];
            String userName = (given + "." + family + "." + i + "." + tag + "@load.example").toLowerCase();
            users.add(new PlannedUser(i, userName, given, family, String.format("00u%017d", i)));
        }
        var groups = new ArrayList<PlannedGroup>(groupCount);
        for (int g = 0; g < groupCount; g++) {
            int size = g == 0 ? userCount : Math.max(1, userCount / (2 * g));
            groups.add(new PlannedGroup(g, (g == 0 ? "Everyone" : "Team " + g) + " " + tag, sample(random, userCount, size)));
        }
        int deactivated = (int) Math.round(userCount * deactivatedShare);
        return new TenantPlan(users, groups, sample(random, userCount, deactivated));
    }

    /** {@code size} distinct indexes out of {@code 0..bound-1}, in random order (partial Fisher–Yates). */
    static int[] sample(Random random, int bound, int size) {
        int[] all = new int[bound];
        for (int i = 0; i < bound; i++) {
            all[i] = i;
        }
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(bound - i);
            int swap = all[i];
            all[i] = all[j];
            all[j] = swap;
        }
        return java.util.Arrays.copyOf(all, size);
    }

    public int membershipPatchCount(int chunkSize) {
        return groups.stream().mapToInt(g -> g.memberChunks(chunkSize).size()).sum();
    }
}
