package dev.scimgateway.load.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scimgateway.load.okta.OktaBodies;
import dev.scimgateway.load.okta.ServerIds;
import dev.scimgateway.load.okta.TenantPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a batch: a BulkRequest (RFC 7644 §3.7) or NDJSON lines of the same operation objects,
 * with the User and Group resources of the Okta simulation as {@code data}. Ids from earlier
 * batches are filled in at sending time, so a batch is rendered only once they have answered.
 */
public final class BulkBodies {

    public static final String REQUEST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    private static final String BULK_ID = "bulkId:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantPlan plan;
    private final ServerIds userIds;
    private final ServerIds groupIds;
    private final String idempotencyPrefix;

    /** {@code idempotencyPrefix}: null for NDJSON lines without {@code idempotencyKey}. */
    public BulkBodies(TenantPlan plan, ServerIds userIds, ServerIds groupIds, String idempotencyPrefix) {
        this.plan = plan;
        this.userIds = userIds;
        this.groupIds = groupIds;
        this.idempotencyPrefix = idempotencyPrefix;
    }

    /** Whether the batch names a user or group whose create (in an earlier batch) has not answered yet. */
    public boolean waitsFor(BulkBatch batch) {
        for (BulkOp op : batch.operations()) {
            if (op instanceof BulkOp.AddMembers add) {
                if (!add.groupInBatch() && !groupIds.settled(add.group())) {
                    return true;
                }
                if (!add.membersInBatch()) {
                    for (int member : add.members()) {
                        if (!userIds.settled(member)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    public SentBatch render(BulkBatch batch) {
        List<BulkOp> sent = new ArrayList<>(batch.operations().size());
        List<ObjectNode> nodes = new ArrayList<>(batch.operations().size());
        for (BulkOp op : batch.operations()) {
            ObjectNode node = operation(op);
            if (node != null) {
                if (batch.kind() == BulkBatch.Kind.NDJSON && idempotencyPrefix != null) {
                    node.put("idempotencyKey", idempotencyPrefix + "-" + batch.index() + "-" + nodes.size());
                }
                sent.add(op);
                nodes.add(node);
            }
        }
        String body;
        if (batch.kind() == BulkBatch.Kind.NDJSON) {
            var lines = new StringBuilder();
            nodes.forEach(node -> lines.append(node).append('\n'));
            body = lines.toString();
        } else {
            ObjectNode request = JSON.createObjectNode();
            request.putArray("schemas").add(REQUEST_SCHEMA);
            request.putArray("Operations").addAll(nodes);
            body = request.toString();
        }
        return new SentBatch(batch, body, List.copyOf(sent), batch.operations().size() - sent.size());
    }

    /** One element of BulkRequest.Operations; null when there is nothing left to send. */
    private ObjectNode operation(BulkOp op) {
        ObjectNode node = JSON.createObjectNode();
        if (op instanceof BulkOp.CreateUser create) {
            node.put("method", "POST").put("path", "/Users").put("bulkId", BulkOp.userBulkId(create.user()));
            node.set("data", OktaBodies.user(plan.users().get(create.user())));
        } else if (op instanceof BulkOp.CreateGroup create) {
            node.put("method", "POST").put("path", "/Groups").put("bulkId", BulkOp.groupBulkId(create.group()));
            ObjectNode group = OktaBodies.group(plan.groups().get(create.group()));
            ArrayNode members = (ArrayNode) group.get("members");
            for (int member : create.members()) {
                members.addObject().put("value", BULK_ID + BulkOp.userBulkId(member));
            }
            node.set("data", group);
        } else if (op instanceof BulkOp.AddMembers add) {
            String groupId = add.groupInBatch() ? BULK_ID + BulkOp.groupBulkId(add.group()) : groupIds.idOf(add.group());
            List<String> values = new ArrayList<>(add.members().length);
            for (int member : add.members()) {
                String value = add.membersInBatch() ? BULK_ID + BulkOp.userBulkId(member) : userIds.idOf(member);
                if (value != null) {
                    values.add(value);
                }
            }
            // A group or users whose create failed: that failure is counted already; skip, as a client would.
            if (groupId == null || values.isEmpty()) {
                return null;
            }
            node.put("method", "PATCH").put("path", "/Groups/" + groupId);
            node.set("data", OktaBodies.addMembers(values));
        }
        return node;
    }
}
