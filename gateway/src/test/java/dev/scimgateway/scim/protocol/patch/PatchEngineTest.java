package dev.scimgateway.scim.protocol.patch;

import static dev.scimgateway.scim.protocol.patch.PatchJson.CORE;
import static dev.scimgateway.scim.protocol.patch.PatchJson.ENT;
import static dev.scimgateway.scim.protocol.patch.PatchJson.ID;
import static dev.scimgateway.scim.protocol.patch.PatchJson.object;
import static dev.scimgateway.scim.protocol.patch.PatchJson.patchUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.ScimType;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Table-driven PATCH cases (RFC 7644 §3.5.2 and the client forms of client-wire-notes.md): stored
 * user × PATCH operations → the document the service would store, i.e. after
 * {@code ResourceValidator.validate(engine.apply(...))}; bad operations → the scimType.
 * In the tables {@code '} stands for {@code "} and a backtick for an escaped {@code \"}.
 */
class PatchEngineTest {

    private static final String S1 = "'schemas':['" + CORE + "']";
    private static final String S2 = "'schemas':['" + CORE + "','" + ENT + "']";
    private static final String E = "'" + ENT + "'";
    private static final String U = "'userName':'ann'";
    private static final String NAME = "'name':{'givenName':'Ann','familyName':'Lee'}";
    private static final String ACTIVE = "'active':true";
    private static final String WORK = "{'value':'a@w.x','type':'work','primary':true}";
    private static final String HOME = "{'value':'a@h.x','type':'home'}";
    private static final String EMAILS = "'emails':[" + WORK + "," + HOME + "]";
    private static final String EXT = E + ":{'employeeNumber':'7','manager':{'value':'m1'}}";
    private static final String BASE = doc(S2, U, NAME, ACTIVE, EMAILS, EXT);
    private static final String MINIMAL = doc(S1, U);
    private static final String ADDRESS = "'addresses':[{'type':'work','streetAddress':'1 Main St','locality':'Springfield'}]";

    private static String doc(String... parts) {
        return "{" + String.join(",", parts) + "}";
    }

    private static Arguments ok(String name, String stored, String operations, String expected) {
        return Arguments.of(name, stored, operations, expected);
    }

    private static Arguments bad(String name, String stored, String operations, ScimType expected) {
        return Arguments.of(name, stored, operations, expected);
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                // simple single-valued
                ok("replace simple", BASE, "[{'op':'replace','path':'displayName','value':'Ann Lee'}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, EXT, "'displayName':'Ann Lee'")),
                ok("add simple", BASE, "[{'op':'add','path':'nickName','value':'Annie'}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, EXT, "'nickName':'Annie'")),
                ok("add on a set simple attribute replaces it", BASE, "[{'op':'add','path':'active','value':false}]",
                        doc(S2, U, NAME, "'active':false", EMAILS, EXT)),
                ok("remove simple", BASE, "[{'op':'remove','path':'active'}]",
                        doc(S2, U, NAME, EMAILS, EXT)),
                ok("remove of an absent attribute changes nothing", BASE, "[{'op':'remove','path':'title'}]", BASE),
                ok("replace simple with null unassigns it (RFC 7643 §2.5)", BASE,
                        "[{'op':'replace','path':'active','value':null}]", doc(S2, U, NAME, EMAILS, EXT)),

                // complex single-valued: sub-attributes given are set, the others stay
                ok("replace complex merges", BASE, "[{'op':'replace','path':'name','value':{'givenName':'Anna'}}]",
                        doc(S2, U, "'name':{'givenName':'Anna','familyName':'Lee'}", ACTIVE, EMAILS, EXT)),
                ok("add complex merges", BASE, "[{'op':'add','path':'name','value':{'middleName':'B'}}]",
                        doc(S2, U, "'name':{'givenName':'Ann','familyName':'Lee','middleName':'B'}", ACTIVE, EMAILS, EXT)),
                ok("add complex creates it", MINIMAL, "[{'op':'add','path':'name','value':{'GIVENNAME':'Ann'}}]",
                        doc(S1, U, "'name':{'givenName':'Ann'}")),
                ok("remove complex", BASE, "[{'op':'remove','path':'name'}]", doc(S2, U, ACTIVE, EMAILS, EXT)),
                ok("replace complex with null unassigns it (RFC 7643 §2.5)", BASE,
                        "[{'op':'replace','path':'name','value':null}]", doc(S2, U, ACTIVE, EMAILS, EXT)),

                // sub-attribute paths
                ok("replace sub-attribute", BASE, "[{'op':'replace','path':'name.givenName','value':'Anna'}]",
                        doc(S2, U, "'name':{'givenName':'Anna','familyName':'Lee'}", ACTIVE, EMAILS, EXT)),
                ok("path names are case-insensitive", BASE, "[{'op':'replace','path':'NAME.GIVENNAME','value':'Anna'}]",
                        doc(S2, U, "'name':{'givenName':'Anna','familyName':'Lee'}", ACTIVE, EMAILS, EXT)),
                ok("add sub-attribute", BASE, "[{'op':'add','path':'name.middleName','value':'B'}]",
                        doc(S2, U, "'name':{'givenName':'Ann','familyName':'Lee','middleName':'B'}", ACTIVE, EMAILS, EXT)),
                ok("add sub-attribute creates the parent", MINIMAL, "[{'op':'add','path':'name.givenName','value':'Ann'}]",
                        doc(S1, U, "'name':{'givenName':'Ann'}")),
                ok("remove sub-attribute", BASE, "[{'op':'remove','path':'name.familyName'}]",
                        doc(S2, U, "'name':{'givenName':'Ann'}", ACTIVE, EMAILS, EXT)),
                ok("removing the last sub-attribute removes the parent", BASE,
                        "[{'op':'remove','path':'name.familyName'},{'op':'remove','path':'name.givenName'}]",
                        doc(S2, U, ACTIVE, EMAILS, EXT)),
                ok("URN-qualified core path", BASE, "[{'op':'replace','path':'" + CORE + ":name.givenName','value':'Anna'}]",
                        doc(S2, U, "'name':{'givenName':'Anna','familyName':'Lee'}", ACTIVE, EMAILS, EXT)),

                // multi-valued
                ok("add appends", BASE, "[{'op':'add','path':'emails','value':[{'value':'a@o.x','type':'other'}]}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[" + WORK + "," + HOME + ",{'value':'a@o.x','type':'other'}]", EXT)),
                ok("add of one object appends it", BASE, "[{'op':'add','path':'emails','value':{'value':'a@o.x'}}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[" + WORK + "," + HOME + ",{'value':'a@o.x'}]", EXT)),
                ok("add of a value already there changes nothing", BASE,
                        "[{'op':'add','path':'emails','value':[{'type':'home','value':'a@h.x'}]}]", BASE),
                ok("add of the same value twice in one operation keeps one", MINIMAL,
                        "[{'op':'add','path':'emails','value':[{'value':'a@o.x'},{'Value':'a@o.x'}]}]",
                        doc(S1, U, "'emails':[{'value':'a@o.x'}]")),
                ok("add creates the attribute", MINIMAL, "[{'op':'add','path':'roles','value':[{'value':'admin'}]}]",
                        doc(S1, U, "'roles':[{'value':'admin'}]")),
                ok("replace replaces the whole list", BASE,
                        "[{'op':'replace','path':'emails','value':[{'value':'n@w.x','type':'work'}]}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[{'value':'n@w.x','type':'work'}]", EXT)),
                ok("replace with [] unassigns", BASE, "[{'op':'replace','path':'emails','value':[]}]",
                        doc(S2, U, NAME, ACTIVE, EXT)),
                ok("remove removes all values", BASE, "[{'op':'remove','path':'emails'}]", doc(S2, U, NAME, ACTIVE, EXT)),
                ok("remove by value list (Entra), case-insensitive for emails", BASE,
                        "[{'op':'Remove','path':'emails','value':[{'value':'A@H.X'}]}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[" + WORK + "]", EXT)),
                ok("remove by value list of every value unassigns", BASE,
                        "[{'op':'remove','path':'emails','value':[{'value':'a@h.x'},{'value':'a@w.x'}]}]",
                        doc(S2, U, NAME, ACTIVE, EXT)),
                ok("remove by value list naming nothing changes nothing", BASE,
                        "[{'op':'remove','path':'emails','value':[{'value':'nobody@x'}]}]", BASE),

                // value-path filters
                ok("replace filtered element merges into it", BASE,
                        "[{'op':'replace','path':'emails[type eq `work`]','value':{'value':'n@w.x'}}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[{'value':'n@w.x','type':'work','primary':true}," + HOME + "]", EXT)),
                ok("replace sub-attribute of filtered element", BASE,
                        "[{'op':'replace','path':'emails[type eq `work`].value','value':'n@w.x'}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[{'value':'n@w.x','type':'work','primary':true}," + HOME + "]", EXT)),
                ok("filter compares type case-insensitively", BASE,
                        "[{'op':'replace','path':'emails[TYPE eq `Work`].value','value':'n@w.x'}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[{'value':'n@w.x','type':'work','primary':true}," + HOME + "]", EXT)),
                ok("add sub-attribute of filtered element", BASE,
                        "[{'op':'add','path':'emails[type eq `home`].display','value':'Home'}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[" + WORK + ",{'value':'a@h.x','type':'home','display':'Home'}]", EXT)),
                ok("remove with filter", BASE, "[{'op':'remove','path':'emails[type eq `home`]'}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[" + WORK + "]", EXT)),
                ok("remove with filter of the only value unassigns", BASE,
                        "[{'op':'remove','path':'emails[type eq `home`]'},{'op':'remove','path':'emails[value eq `a@w.x`]'}]",
                        doc(S2, U, NAME, ACTIVE, EXT)),
                ok("remove sub-attribute of filtered element", BASE,
                        "[{'op':'remove','path':'emails[type eq `work` and value eq `a@w.x`].primary'}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[{'value':'a@w.x','type':'work'}," + HOME + "]", EXT)),
                ok("remove with a filter that matches nothing changes nothing", BASE,
                        "[{'op':'remove','path':'emails[value eq `nobody@x`]'}]", BASE),
                ok("Entra upsert: filtered sub-attribute on a user without emails", MINIMAL,
                        "[{'op':'Replace','path':'emails[type eq `work`].value','value':'n@w.x'}]",
                        doc(S1, U, "'emails':[{'type':'work','value':'n@w.x'}]")),
                ok("Entra upsert: appended when no value matches", doc(S1, U, "'emails':[" + HOME + "]"),
                        "[{'op':'Add','path':'emails[type eq `work`].value','value':'n@w.x'}]",
                        doc(S1, U, "'emails':[" + HOME + ",{'type':'work','value':'n@w.x'}]")),
                ok("add names the value it adds: conjunction of eq with a boolean", MINIMAL,
                        "[{'op':'add','path':'emails[type eq `work` and primary eq true].value','value':'n@w.x'}]",
                        doc(S1, U, "'emails':[{'type':'work','primary':true,'value':'n@w.x'}]")),
                ok("add with a filter that matches sets the matching value", BASE,
                        "[{'op':'add','path':'emails[type eq `work`].value','value':'n@w.x'}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[{'value':'n@w.x','type':'work','primary':true}," + HOME + "]", EXT)),
                ok("Entra upsert: a string compared with a boolean is the boolean", MINIMAL,
                        "[{'op':'Replace','path':'emails[type eq `work` and primary eq `True`].value','value':'n@w.x'}]",
                        doc(S1, U, "'emails':[{'type':'work','primary':true,'value':'n@w.x'}]")),
                ok("addresses[type eq work].streetAddress replaces", doc(S1, U, ADDRESS),
                        "[{'op':'Replace','path':'addresses[type eq `work`].streetAddress','value':'2 Elm St'}]",
                        doc(S1, U, "'addresses':[{'type':'work','streetAddress':'2 Elm St','locality':'Springfield'}]")),
                ok("addresses[type eq work].streetAddress upserts", MINIMAL,
                        "[{'op':'Replace','path':'addresses[type eq `work`].streetAddress','value':'2 Elm St'},"
                                + "{'op':'Replace','path':'addresses[type eq `work`].locality','value':'Shelbyville'}]",
                        doc(S1, U, "'addresses':[{'type':'work','streetAddress':'2 Elm St','locality':'Shelbyville'}]")),

                // path-less add and replace
                ok("path-less replace with dotted and URN-qualified keys (Entra)", BASE,
                        "[{'op':'replace','value':{'name.givenName':'Anna','" + ENT + ":employeeNumber':'8','"
                                + CORE + ":displayName':'AL'}}]",
                        doc(S2, U, "'name':{'givenName':'Anna','familyName':'Lee'}", ACTIVE, EMAILS,
                                E + ":{'employeeNumber':'8','manager':{'value':'m1'}}", "'displayName':'AL'")),
                ok("path-less replace creates the extension", MINIMAL,
                        "[{'op':'replace','value':{'" + ENT + ":department':'Eng'}}]",
                        doc(S2, U, E + ":{'department':'Eng'}")),
                ok("path-less add appends to multi-valued", BASE,
                        "[{'op':'add','value':{'emails':[{'value':'a@o.x'}],'title':'Boss'}}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[" + WORK + "," + HOME + ",{'value':'a@o.x'}]", EXT, "'title':'Boss'")),
                ok("path-less replace with the whole extension merges", BASE,
                        "[{'op':'replace','value':{" + E + ":{'department':'Eng'}}}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, E + ":{'employeeNumber':'7','manager':{'value':'m1'},'department':'Eng'}")),
                ok("path-less replace ignores schemas and meta", BASE,
                        "[{'op':'replace','value':{'schemas':['" + CORE + "'],'meta':{'version':'W/`1`'},'active':false}}]",
                        doc(S2, U, NAME, "'active':false", EMAILS, EXT)),
                ok("Okta deactivation", BASE, "[{'op':'replace','value':{'active':false}}]",
                        doc(S2, U, NAME, "'active':false", EMAILS, EXT)),
                ok("Okta path-less replace repeating the id: id ignored", BASE,
                        "[{'op':'replace','value':{'id':'" + ID + "','active':false}}]",
                        doc(S2, U, NAME, "'active':false", EMAILS, EXT)),
                ok("Okta path-less replace repeating the id in upper case", BASE,
                        "[{'op':'replace','value':{'id':'" + ID.toUpperCase() + "','displayName':'A'}}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, EXT, "'displayName':'A'")),

                // whole extension
                ok("add whole extension merges", BASE, "[{'op':'add','path':'" + ENT + "','value':{'department':'Eng'}}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, E + ":{'employeeNumber':'7','manager':{'value':'m1'},'department':'Eng'}")),
                ok("replace whole extension keeps attributes not given", BASE,
                        "[{'op':'replace','path':'" + ENT + "','value':{'employeeNumber':'9'}}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, E + ":{'employeeNumber':'9','manager':{'value':'m1'}}")),
                ok("add whole extension creates it", MINIMAL,
                        "[{'op':'add','path':'" + ENT + "','value':{'employeeNumber':'9'}}]",
                        doc(S2, U, E + ":{'employeeNumber':'9'}")),
                ok("remove whole extension", BASE, "[{'op':'remove','path':'" + ENT + "'}]",
                        doc(S1, U, NAME, ACTIVE, EMAILS)),
                ok("remove whole extension, URN in another case", BASE, "[{'op':'remove','path':'" + ENT.toUpperCase() + "'}]",
                        doc(S1, U, NAME, ACTIVE, EMAILS)),
                ok("remove absent extension changes nothing", MINIMAL, "[{'op':'remove','path':'" + ENT + "'}]", MINIMAL),
                ok("replace extension attribute", BASE, "[{'op':'replace','path':'" + ENT + ":employeeNumber','value':'8'}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, E + ":{'employeeNumber':'8','manager':{'value':'m1'}}")),
                ok("remove extension attribute", BASE, "[{'op':'remove','path':'" + ENT + ":employeeNumber'}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, E + ":{'manager':{'value':'m1'}}")),
                ok("remove of the last extension attribute drops the extension", BASE,
                        "[{'op':'remove','path':'" + ENT + ":employeeNumber'},{'op':'remove','path':'" + ENT + ":manager'}]",
                        doc(S1, U, NAME, ACTIVE, EMAILS)),
                ok("remove extension attribute of a user without the extension", MINIMAL,
                        "[{'op':'remove','path':'" + ENT + ":employeeNumber'}]", MINIMAL),

                // manager
                ok("Entra manager replace", BASE, "[{'op':'Replace','path':'" + ENT + ":manager','value':{'value':'m2'}}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, E + ":{'employeeNumber':'7','manager':{'value':'m2'}}")),
                ok("Entra manager add on a user without the extension", MINIMAL,
                        "[{'op':'Add','path':'" + ENT + ":manager','value':{'value':'m2'}}]",
                        doc(S2, U, E + ":{'manager':{'value':'m2'}}")),
                ok("manager.value path", BASE, "[{'op':'replace','path':'" + ENT + ":manager.value','value':'m2'}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, E + ":{'employeeNumber':'7','manager':{'value':'m2'}}")),
                ok("manager without URN resolves to the extension", BASE,
                        "[{'op':'replace','path':'manager','value':{'value':'m2'}}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, E + ":{'employeeNumber':'7','manager':{'value':'m2'}}")),
                ok("manager value with readOnly displayName: displayName dropped", BASE,
                        "[{'op':'replace','path':'" + ENT + ":manager','value':{'value':'m2','displayName':'Boss'}}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, E + ":{'employeeNumber':'7','manager':{'value':'m2'}}")),
                ok("Entra's default mapping sends the manager as a bare id string", BASE,
                        "[{'op':'Add','path':'" + ENT + ":manager','value':'m2'}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, E + ":{'employeeNumber':'7','manager':{'value':'m2'}}")),
                ok("manager remove", BASE, "[{'op':'Remove','path':'" + ENT + ":manager'}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, E + ":{'employeeNumber':'7'}")),

                // capitalised ops and string booleans (Entra)
                ok("capitalised ops", BASE,
                        "[{'op':'Replace','path':'displayName','value':'X'},{'op':'ADD','path':'nickName','value':'N'},"
                                + "{'op':'Remove','path':'active'}]",
                        doc(S2, U, NAME, EMAILS, EXT, "'displayName':'X'", "'nickName':'N'")),
                ok("string boolean False", BASE, "[{'op':'Replace','path':'active','value':'False'}]",
                        doc(S2, U, NAME, "'active':false", EMAILS, EXT)),
                ok("string boolean True, path-less", doc(S1, U, "'active':false"), "[{'op':'Replace','value':{'active':'True'}}]",
                        doc(S1, U, "'active':true")),

                // primary: at most one, the one just written wins (RFC 7643 §2.4)
                ok("adding a primary email clears the other", BASE,
                        "[{'op':'add','path':'emails','value':[{'value':'a@o.x','type':'other','primary':true}]}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[{'value':'a@w.x','type':'work','primary':false}," + HOME
                                + ",{'value':'a@o.x','type':'other','primary':true}]", EXT)),
                ok("making a filtered value primary clears the other", BASE,
                        "[{'op':'replace','path':'emails[type eq `home`].primary','value':true}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[{'value':'a@w.x','type':'work','primary':false},"
                                + "{'value':'a@h.x','type':'home','primary':true}]", EXT)),
                ok("making a filtered value primary with a string boolean", BASE,
                        "[{'op':'Replace','path':'emails[type eq `home`]','value':{'primary':'True'}}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[{'value':'a@w.x','type':'work','primary':false},"
                                + "{'value':'a@h.x','type':'home','primary':true}]", EXT)),

                // sequences apply in order
                ok("remove then add", BASE,
                        "[{'op':'remove','path':'emails'},{'op':'add','path':'emails','value':[{'value':'n@w.x'}]}]",
                        doc(S2, U, NAME, ACTIVE, "'emails':[{'value':'n@w.x'}]", EXT)),
                ok("last replace wins", BASE,
                        "[{'op':'replace','path':'title','value':'A'},{'op':'replace','path':'title','value':'B'}]",
                        doc(S2, U, NAME, ACTIVE, EMAILS, EXT, "'title':'B'")),
                ok("userName replaced, not removed", BASE, "[{'op':'replace','path':'userName','value':'Ann2'}]",
                        doc(S2, "'userName':'Ann2'", NAME, ACTIVE, EMAILS, EXT)));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // readOnly targets
                bad("replace id", BASE, "[{'op':'replace','path':'id','value':'x'}]", ScimType.MUTABILITY),
                bad("remove id", BASE, "[{'op':'remove','path':'id'}]", ScimType.MUTABILITY),
                bad("replace meta", BASE, "[{'op':'replace','path':'meta','value':{'version':'x'}}]", ScimType.MUTABILITY),
                bad("replace meta.lastModified", BASE,
                        "[{'op':'replace','path':'meta.lastModified','value':'2020-01-01T00:00:00Z'}]", ScimType.MUTABILITY),
                bad("add groups", BASE, "[{'op':'add','path':'groups','value':[{'value':'g1'}]}]", ScimType.MUTABILITY),
                bad("remove groups with filter", BASE, "[{'op':'remove','path':'groups[value eq `g1`]'}]", ScimType.MUTABILITY),
                bad("path-less groups", BASE, "[{'op':'add','value':{'groups':[{'value':'g1'}]}}]", ScimType.MUTABILITY),
                bad("manager.displayName is readOnly", BASE,
                        "[{'op':'replace','path':'" + ENT + ":manager.displayName','value':'Boss'}]", ScimType.MUTABILITY),
                bad("Okta-style path-less replace with another id", BASE,
                        "[{'op':'replace','value':{'id':'7f3c0000-0000-0000-0000-000000000000','active':false}}]",
                        ScimType.MUTABILITY),
                bad("path-less id that is not a string", BASE, "[{'op':'replace','value':{'id':42}}]", ScimType.MUTABILITY),

                // no target
                bad("remove without path", BASE, "[{'op':'remove'}]", ScimType.NO_TARGET),
                bad("replace with a co filter matching nothing", BASE,
                        "[{'op':'replace','path':'emails[value co `zzz`].value','value':'n@w.x'}]", ScimType.NO_TARGET),
                bad("replace with an or filter matching nothing", BASE,
                        "[{'op':'replace','path':'emails[type eq `a` or type eq `b`].value','value':'n@w.x'}]",
                        ScimType.NO_TARGET),
                bad("replace with a ne filter matching nothing", doc(S1, U, "'emails':[" + WORK + "]"),
                        "[{'op':'replace','path':'emails[type ne `work`]','value':{'display':'x'}}]", ScimType.NO_TARGET),
                bad("replace with an eq filter matching nothing (RFC 7644 §3.5.2.3)", BASE,
                        "[{'op':'replace','path':'emails[type eq `other`].value','value':'n@w.x'}]", ScimType.NO_TARGET),
                bad("replace with an eq filter on a user without values", MINIMAL,
                        "[{'op':'replace','path':'emails[type eq `work`].value','value':'n@w.x'}]", ScimType.NO_TARGET),
                bad("replace of a whole value selected by an eq filter matching nothing", BASE,
                        "[{'op':'replace','path':'emails[type eq `other`]','value':{'value':'n@w.x'}}]", ScimType.NO_TARGET),
                bad("add with a filter that names no value", BASE,
                        "[{'op':'add','path':'emails[value co `zzz`].display','value':'x'}]", ScimType.NO_TARGET),

                // bad paths
                bad("unknown attribute", BASE, "[{'op':'replace','path':'shoeSize','value':44}]", ScimType.INVALID_PATH),
                bad("unknown sub-attribute", BASE, "[{'op':'replace','path':'name.shoeSize','value':44}]", ScimType.INVALID_PATH),
                bad("unknown extension attribute", BASE,
                        "[{'op':'replace','path':'" + ENT + ":shoeSize','value':44}]", ScimType.INVALID_PATH),
                bad("unknown attribute path-less", BASE, "[{'op':'replace','value':{'shoeSize':44}}]", ScimType.INVALID_PATH),
                bad("unknown sub-attribute after a filter", BASE,
                        "[{'op':'replace','path':'emails[type eq `work`].shoeSize','value':44}]", ScimType.INVALID_PATH),
                bad("unclosed filter", BASE, "[{'op':'replace','path':'emails[type eq `work`','value':'x'}]",
                        ScimType.INVALID_PATH),
                bad("filter without value", BASE, "[{'op':'replace','path':'emails[type eq]','value':'x'}]",
                        ScimType.INVALID_PATH),
                bad("trailing dot", BASE, "[{'op':'replace','path':'name.','value':'x'}]", ScimType.INVALID_PATH),
                bad("value path on a complex single-valued attribute", BASE,
                        "[{'op':'replace','path':'name[givenName eq `Ann`].familyName','value':'x'}]", ScimType.INVALID_PATH),
                bad("value path on a simple single-valued attribute", BASE,
                        "[{'op':'remove','path':'userName[value eq `ann`]'}]", ScimType.INVALID_PATH),

                // type errors, caught by the validator after the engine
                bad("boolean that is not one", BASE, "[{'op':'replace','path':'active','value':'maybe'}]",
                        ScimType.INVALID_VALUE),
                bad("object for a boolean", BASE, "[{'op':'replace','path':'active','value':{'x':1}}]",
                        ScimType.INVALID_VALUE),
                bad("array for a string", BASE, "[{'op':'replace','path':'displayName','value':['a','b']}]",
                        ScimType.INVALID_VALUE),
                bad("string for a complex multi-valued attribute", BASE,
                        "[{'op':'replace','path':'emails','value':'a@x'}]", ScimType.INVALID_VALUE),
                bad("string for a complex attribute", BASE, "[{'op':'replace','path':'name','value':'Ann'}]",
                        ScimType.INVALID_VALUE),
                bad("string for the whole extension", BASE, "[{'op':'replace','path':'" + ENT + "','value':'x'}]",
                        ScimType.INVALID_VALUE),
                bad("two primaries in a replace", BASE,
                        "[{'op':'replace','path':'emails','value':[{'value':'a','primary':true},{'value':'b','primary':true}]}]",
                        ScimType.INVALID_VALUE),
                bad("remove userName (required)", BASE, "[{'op':'remove','path':'userName'}]", ScimType.INVALID_VALUE),
                bad("blank userName", BASE, "[{'op':'replace','path':'userName','value':' '}]", ScimType.INVALID_VALUE),
                bad("null userName", BASE, "[{'op':'replace','value':{'userName':null}}]", ScimType.INVALID_VALUE),
                bad("one bad operation among good ones", BASE,
                        "[{'op':'replace','path':'title','value':'A'},{'op':'replace','path':'active','value':'maybe'},"
                                + "{'op':'replace','path':'nickName','value':'N'}]", ScimType.INVALID_VALUE));
    }

    /** What clients send that the edge rewrites (compat.ClientQuirks): the engine and validation alone refuse it. */
    static Stream<Arguments> quirks() {
        return Stream.of(
                bad("Entra string boolean", BASE, "[{'op':'replace','path':'active','value':'False'}]", ScimType.INVALID_VALUE),
                bad("Entra string boolean in a filtered element", BASE,
                        "[{'op':'replace','path':'emails[type eq `home`]','value':{'primary':'True'}}]", ScimType.INVALID_VALUE),
                bad("Entra bare manager id", BASE, "[{'op':'add','path':'" + ENT + ":manager','value':'m2'}]",
                        ScimType.INVALID_VALUE),
                bad("Okta path-less replace repeating the id", BASE,
                        "[{'op':'replace','value':{'id':'" + ID + "','active':false}}]", ScimType.MUTABILITY),
                // A versioned URN followed by a name reads as a schema of its own, whose value must be an object.
                bad("OneLogin URN in a path", BASE,
                        "[{'op':'replace','path':'urn:scim:schemas:extension:enterprise:2.0:department','value':'X'}]",
                        ScimType.INVALID_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quirks")
    void theEngineAloneIsStrict(String name, String stored, String operations, ScimType expected) {
        ObjectNode input = USERS_validated(stored);

        assertThatThrownBy(() -> PatchJson.USERS.validate(PatchJson.ENGINE.apply(input,
                PatchRequest.parse(PatchJson.body(operations)).operations())))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void appliesAndValidates(String name, String stored, String operations, String expected) {
        ObjectNode input = USERS_validated(stored);
        ObjectNode before = input.deepCopy();

        ObjectNode patched = patchUser(input, operations);

        assertThat(patched).isEqualTo(object(expected));
        assertThat(input).as("the engine works on a copy").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejects(String name, String stored, String operations, ScimType expected) {
        ObjectNode input = USERS_validated(stored);
        ObjectNode before = input.deepCopy();

        assertThatThrownBy(() -> patchUser(input, operations))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.scimType()).isEqualTo(expected);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.detail()).isNotBlank();
                });
        assertThat(input).isEqualTo(before);
    }

    /** The stored form: tables are written as stored documents, and this checks that they are. */
    private static ObjectNode USERS_validated(String stored) {
        ObjectNode document = object(stored);
        assertThat(PatchJson.USERS.validate(document)).as("table input is a stored document").isEqualTo(document);
        return document;
    }
}
