package dev.scimgateway.resources;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The net effect of a sequence of membership operations, so that a whole PATCH becomes at most
 * three set-based statements. When {@code replaceWith} is set the group ends up with exactly
 * {@code replaceWith ∪ add − remove}; otherwise {@code add} and {@code remove} apply to what is there.
 */
public final class MembershipChange {

    /** Shared by every write of a type without members, so that such a write allocates none. */
    private static final MembershipChange UNCHANGED = new MembershipChange(false);

    private final boolean mutable;
    private @Nullable Set<UUID> replaceWith;
    private final Set<UUID> add = new LinkedHashSet<>();
    private final Set<UUID> remove = new LinkedHashSet<>();
    private final Map<UUID, String> displays = new HashMap<>();
    private final List<Target> targets = new ArrayList<>();

    private MembershipChange(boolean mutable) {
        this.mutable = mutable;
    }

    /** An empty change to build on. */
    public static MembershipChange none() {
        return new MembershipChange(true);
    }

    /** The change that leaves members alone; it cannot be built on. */
    public static MembershipChange unchanged() {
        return UNCHANGED;
    }

    public MembershipChange add(UUID member) {
        return add(member, null);
    }

    /** Adds a member with the display name the client gave it, shown in place of the user's own. */
    public MembershipChange add(UUID member, @Nullable String display) {
        requireMutable();
        remove.remove(member);
        add.add(member);
        if (display != null) {
            displays.put(member, display);
        }
        return this;
    }

    public MembershipChange remove(UUID member) {
        requireMutable();
        add.remove(member);
        remove.add(member);
        return this;
    }

    public MembershipChange replaceAll(Set<UUID> members) {
        requireMutable();
        replaceWith = new LinkedHashSet<>(members);
        add.clear();
        remove.clear();
        return this;
    }

    public MembershipChange replaceAll(Map<UUID, @Nullable String> members) {
        replaceAll(members.keySet());
        members.forEach((member, display) -> {
            if (display != null) {
                displays.put(member, display);
            }
        });
        return this;
    }

    public MembershipChange removeAll() {
        return replaceAll(Set.<UUID>of());
    }

    /**
     * The members a {@code replace} selects by filter: at least one of them must be a member at this
     * point of the PATCH, or it has no target (RFC 7644 §3.5.2.3). What this change already decided
     * is checked at once; the rest is for the store to check against the stored members.
     */
    public MembershipChange requireTarget(Set<UUID> selected, String detail) {
        requireMutable();
        if (selected.stream().anyMatch(this::addedHere)) {
            return this;
        }
        Set<UUID> open = new LinkedHashSet<>();
        selected.stream().filter(member -> !removedHere(member)).forEach(open::add);
        if (open.isEmpty()) {
            throw ScimException.noTarget(detail);
        }
        targets.add(new Target(open, detail));
        return this;
    }

    /** What the store must find among the stored members, or answer 400 noTarget with the detail. */
    public List<Target> targets() {
        return targets;
    }

    /** At least one of {@code anyOf} must be a stored member. */
    public record Target(Set<UUID> anyOf, String detail) {}

    private boolean addedHere(UUID member) {
        return add.contains(member) || (replaceWith != null && replaceWith.contains(member) && !remove.contains(member));
    }

    private boolean removedHere(UUID member) {
        return remove.contains(member) || (replaceWith != null && !addedHere(member));
    }

    public @Nullable String displayOf(UUID member) {
        return displays.get(member);
    }

    public boolean isEmpty() {
        return replaceWith == null && add.isEmpty() && remove.isEmpty() && targets.isEmpty();
    }

    /** The members that must remain when everything else is removed, or null to keep the others. */
    public @Nullable Set<UUID> keepOnly() {
        if (replaceWith == null) {
            return null;
        }
        Set<UUID> keep = new LinkedHashSet<>(replaceWith);
        keep.addAll(add);
        keep.removeAll(remove);
        return keep;
    }

    public Set<UUID> toInsert() {
        Set<UUID> keep = keepOnly();
        return keep != null ? keep : add;
    }

    public Set<UUID> toDelete() {
        return replaceWith != null ? Set.of() : remove;
    }

    private void requireMutable() {
        if (!mutable) {
            throw new IllegalStateException("MembershipChange.unchanged() is shared and cannot be changed");
        }
    }
}
