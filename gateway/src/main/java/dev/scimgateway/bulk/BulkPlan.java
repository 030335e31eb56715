package dev.scimgateway.bulk;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order a bulk request runs in: every POST before the operations that reference its bulkId,
 * otherwise request order (RFC 7644 §3.7.2 lets references point forward). Operations caught in
 * a cycle of references cannot run and fail with 409.
 */
final class BulkPlan {

    private final List<BulkOperation> order;
    private final List<BulkOperation> circular;

    private BulkPlan(List<BulkOperation> order, List<BulkOperation> circular) {
        this.order = order;
        this.circular = circular;
    }

    List<BulkOperation> order() {
        return order;
    }

    List<BulkOperation> circular() {
        return circular;
    }

    static ScimException circularError() {
        return ScimException.conflict("This operation is part of a circular chain of bulkId references");
    }

    /** Kahn's algorithm over "defines bulkId" → "references bulkId", ties broken by request order. */
    static BulkPlan of(List<BulkOperation> operations) {
        Map<String, BulkOperation> definers = new HashMap<>();
        for (BulkOperation op : operations) {
            if ("POST".equals(op.method()) && op.bulkId() != null) {
                definers.putIfAbsent(op.bulkId(), op);
            }
        }
        Map<Integer, Integer> waitingOn = new HashMap<>();
        Map<Integer, List<BulkOperation>> dependents = new HashMap<>();
        for (BulkOperation op : operations) {
            Set<String> references = BulkReferences.of(op);
            int count = 0;
            for (String reference : references) {
                BulkOperation definer = definers.get(reference);
                // A reference nothing defines cannot be waited for: the operation runs and fails on it.
                if (definer != null && definer != op) {
                    count++;
                    dependents.computeIfAbsent(definer.index(), k -> new ArrayList<>()).add(op);
                }
            }
            waitingOn.put(op.index(), count);
        }
        java.util.PriorityQueue<BulkOperation> ready = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingInt(BulkOperation::index));
        operations.stream().filter(op -> waitingOn.get(op.index()) == 0).forEach(ready::add);
        List<BulkOperation> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            BulkOperation next = ready.poll();
            order.add(next);
            for (BulkOperation dependent : dependents.getOrDefault(next.index(), List.of())) {
                if (waitingOn.merge(dependent.index(), -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        Deque<BulkOperation> stuck = new ArrayDeque<>();
        operations.stream().filter(op -> waitingOn.get(op.index()) > 0).forEach(stuck::add);
        return new BulkPlan(order, List.copyOf(stuck));
    }
}
