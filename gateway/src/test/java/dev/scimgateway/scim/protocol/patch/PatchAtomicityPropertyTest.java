package dev.scimgateway.scim.protocol.patch;

import static dev.scimgateway.scim.protocol.patch.PatchJson.CORE;
import static dev.scimgateway.scim.protocol.patch.PatchJson.ENT;
import static dev.scimgateway.scim.protocol.patch.PatchJson.ID;
import static dev.scimgateway.scim.protocol.patch.PatchJson.USERS;
import static dev.scimgateway.scim.protocol.patch.PatchJson.body;
import static dev.scimgateway.scim.protocol.patch.PatchJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 7644 §3.5.2: a PATCH is atomic. For generated users and operation lists with one bad
 * operation anywhere, parse + apply + validate fails and the stored document is untouched; for
 * lists of good operations, applying never mutates the input and is deterministic.
 */
class PatchAtomicityPropertyTest {

    @Property(tries = 300)
    void oneBadOperationAnywhereFailsTheWholePatchAndChangesNothing(@ForAll("users") ObjectNode stored,
            @ForAll("validLists") List<String> valid, @ForAll("invalidOperations") String invalid,
            @ForAll("positions") int where) {
        List<String> operations = new ArrayList<>(valid);
        operations.add(Math.min(where, valid.size()), invalid);
        ObjectNode body = body("[" + String.join(",", operations) + "]");
        ObjectNode storedBefore = stored.deepCopy();
        ObjectNode bodyBefore = body.deepCopy();

        assertThatThrownBy(() -> pipeline(stored, body)).isInstanceOf(ScimException.class);

        assertThat(stored).isEqualTo(storedBefore);
        assertThat(body).isEqualTo(bodyBefore);
    }

    @Property(tries = 300)
    void goodOperationsNeverMutateTheInputAndAreDeterministic(@ForAll("users") ObjectNode stored,
            @ForAll("validLists") List<String> valid) {
        ObjectNode body = body("[" + String.join(",", valid) + "]");
        ObjectNode storedBefore = stored.deepCopy();
        ObjectNode bodyBefore = body.deepCopy();

        ObjectNode first = pipeline(stored, body);
        ObjectNode second = pipeline(stored, body);

        assertThat(stored).isEqualTo(storedBefore);
        assertThat(body).isEqualTo(bodyBefore);
        assertThat(second).isEqualTo(first);
        assertThat(USERS.validate(first)).as("the result is a stored document").isEqualTo(first);
        // the result shares no node with the input: changing it leaves the input alone
        first.removeAll();
        assertThat(stored).isEqualTo(storedBefore);
    }

    private static ObjectNode pipeline(ObjectNode stored, ObjectNode body) {
        return USERS.validate(PatchJson.ENGINE.apply(stored, PatchRequest.parse(PatchJson.strict(body)).operations()));
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 6);
    }

    @Provide
    Arbitrary<ObjectNode> users() {
        Arbitrary<String> emails = Combinators.combine(word(), Arbitraries.of("work", "home", "other"))
                .as((w, type) -> "{'value':'" + w + "@x.example','type':'" + type + "'}");
        Arbitrary<List<String>> emailLists = emails.list().ofMaxSize(3);
        return Combinators.combine(word(), word().injectNull(0.5), word().injectNull(0.5),
                        Arbitraries.of("true", "false").injectNull(0.3), emailLists, Arbitraries.of(true, false),
                        word().injectNull(0.5), word().injectNull(0.5))
                .as((userName, displayName, givenName, active, emailList, primary, employeeNumber, manager) -> {
                    List<String> parts = new ArrayList<>();
                    parts.add("'schemas':['" + CORE + "']");
                    parts.add("'userName':'" + userName + "'");
                    if (displayName != null) {
                        parts.add("'displayName':'" + displayName + "'");
                    }
                    if (givenName != null) {
                        parts.add("'name':{'givenName':'" + givenName + "','familyName':'F'}");
                    }
                    if (active != null) {
                        parts.add("'active':" + active);
                    }
                    if (!emailList.isEmpty()) {
                        List<String> list = new ArrayList<>(emailList);
                        if (primary) {
                            list.set(0, list.get(0).replace("}", ",'primary':true}"));
                        }
                        parts.add("'emails':[" + String.join(",", list) + "]");
                    }
                    if (employeeNumber != null || manager != null) {
                        List<String> ext = new ArrayList<>();
                        if (employeeNumber != null) {
                            ext.add("'employeeNumber':'" + employeeNumber + "'");
                        }
                        if (manager != null) {
                            ext.add("'manager':{'value':'" + manager + "'}");
                        }
                        parts.add("'" + ENT + "':{" + String.join(",", ext) + "}");
                    }
                    return USERS.validate(object("{" + String.join(",", parts) + "}"));
                });
    }

    @Provide
    Arbitrary<List<String>> validLists() {
        return validOperation().list().ofMinSize(1).ofMaxSize(6);
    }

    /** Good operations; none touches userName or title, and none writes an e-mail containing "zzz". */
    private Arbitrary<String> validOperation() {
        return Arbitraries.oneOf(List.of(
                word().map(w -> "{'op':'replace','path':'displayName','value':'" + w + "'}"),
                word().map(w -> "{'op':'Add','path':'nickName','value':'" + w + "'}"),
                Arbitraries.just("{'op':'remove','path':'displayName'}"),
                word().map(w -> "{'op':'replace','path':'name','value':{'givenName':'" + w + "'}}"),
                word().map(w -> "{'op':'replace','path':'name.familyName','value':'" + w + "'}"),
                Arbitraries.just("{'op':'remove','path':'name.givenName'}"),
                word().map(w -> "{'op':'add','path':'emails','value':[{'value':'" + w + "@y.example','type':'home'}]}"),
                word().map(w -> "{'op':'add','path':'emails','value':[{'value':'" + w + "@y.example','primary':true}]}"),
                word().map(w -> "{'op':'Replace','path':'emails[type eq `work`].value','value':'" + w + "@w.example'}"),
                Arbitraries.just("{'op':'Replace','path':'emails[type eq `other`].primary','value':'True'}"),
                Arbitraries.just("{'op':'remove','path':'emails[type eq `home`]'}"),
                Arbitraries.just("{'op':'remove','path':'emails'}"),
                word().map(w -> "{'op':'Remove','path':'emails','value':[{'value':'" + w + "@x.example'}]}"),
                Arbitraries.of("'False'", "true", "false").map(b -> "{'op':'Replace','path':'active','value':" + b + "}"),
                Arbitraries.just("{'op':'replace','value':{'id':'" + ID + "','active':false}}"),
                word().map(w -> "{'op':'replace','path':'" + ENT + ":employeeNumber','value':'" + w + "'}"),
                Arbitraries.just("{'op':'remove','path':'" + ENT + "'}"),
                word().map(w -> "{'op':'add','path':'" + ENT + ":manager','value':{'value':'" + w + "'}}"),
                word().map(w -> "{'op':'replace','value':{'name.givenName':'" + w + "','" + ENT + ":department':'" + w + "'}}"),
                word().map(w -> "{'op':'add','path':'" + ENT + "','value':{'costCenter':'" + w + "'}}")));
    }

    /** Operations that fail whatever comes before or after them. */
    @Provide
    Arbitrary<String> invalidOperations() {
        return Arbitraries.of(
                "{'op':'replace','path':'id','value':'x'}",
                "{'op':'add','path':'groups','value':[{'value':'g'}]}",
                "{'op':'replace','path':'meta.version','value':'x'}",
                "{'op':'replace','value':{'id':'00000000-0000-0000-0000-000000000000'}}",
                "{'op':'replace','path':'shoeSize','value':44}",
                "{'op':'replace','path':'name[givenName eq `x`].familyName','value':'y'}",
                "{'op':'replace','path':'emails[type eq','value':'y'}",
                "{'op':'replace','path':'emails[value co `zzz`].value','value':'y'}",
                "{'op':'remove'}",
                "{'op':'copy','path':'title','value':'x'}",
                "{'op':'remove','path':'userName'}",
                "{'op':'replace','path':'title','value':{'not':'a string'}}",
                "{'op':'replace','path':'name','value':'not an object'}");
    }

    private static Arbitrary<String> word() {
        return Arbitraries.strings().withCharRange('a', 'y').ofMinLength(1).ofMaxLength(6);
    }
}
