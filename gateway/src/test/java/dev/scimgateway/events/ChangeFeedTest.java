package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14 item 3: real SCIM writes come out of a poll stream as RFC 9967 SETs, signed with a key
 * of the published JWKS, in the tenant's order; acknowledged ones are never delivered again,
 * unacknowledged ones are.
 */
class ChangeFeedTest extends GatewayTest {

    private static final String PROV = "urn:ietf:params:scim:event:prov:";

    @Test
    void eachChangeIsASignedSetInTheTenantsOrder() {
        ScimClient idp = newScimClient("feed");
        EventReceiver receiver = EventReceiver.of(http, idp.tenantId());
        JsonNode stream = receiver.createStream(PROV + "create:full", PROV + "patch:notice", PROV + "delete",
                PROV + "activate", PROV + "deactivate");
        String streamId = stream.get("stream_id").stringValue();

        String alice = ScimClient.body(idp.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice@example.com",
                 "externalId":"alice-ext","password":"Secret-Passw0rd!","active":true}""").expectStatus().isCreated())
                .get("id").stringValue();
        String team = ScimClient.body(idp.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Team"}""")
                .expectStatus().isCreated()).get("id").stringValue();
        idp.patch("/Users/" + alice, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":false}]}""").expectStatus().is2xxSuccessful();
        idp.patch("/Groups/" + team, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(alice))
                .expectStatus().is2xxSuccessful();
        idp.delete("/Users/" + alice).expectStatus().isNoContent();

        JsonNode answer = receiver.poll(streamId, Map.of("returnImmediately", true, "maxEvents", 20));
        assertThat(answer.get("moreAvailable").booleanValue()).isFalse();
        List<EventReceiver.Set> sets = receiver.verified(answer);
        assertThat(sets).extracting(EventReceiver.Set::event).containsExactly(
                // Alice is gone by now, so her create comes as a notice: there is no resource to show.
                PROV + "create:notice", PROV + "create:full", PROV + "patch:notice", PROV + "deactivate",
                PROV + "patch:notice", PROV + "delete");
        assertThat(sets).extracting(EventReceiver.Set::uri).containsExactly("/Users/" + alice, "/Groups/" + team,
                "/Users/" + alice, "/Users/" + alice, "/Groups/" + team, "/Users/" + alice);

        String issuer = stream.get("iss").stringValue();
        for (EventReceiver.Set set : sets) {
            assertThat(set.claims().get("iss").stringValue()).isEqualTo(issuer);
            assertThat(set.claims().get("aud").stringValue()).isEqualTo(stream.get("aud").stringValue());
            assertThat(set.claims().get("sub_id").get("format").stringValue()).isEqualTo("scim");
            assertThat(set.claims().get("iat").isIntegralNumber()).isTrue();
            assertThat(set.claims().get("txn").stringValue()).isNotBlank();
            assertThat(set.claims().toString()).as("no secret in the feed").doesNotContain("Secret-Passw0rd!");
        }
        assertThat(sets.get(0).claims().get("sub_id").get("externalId").stringValue()).isEqualTo("alice-ext");
        JsonNode group = sets.get(1).payload().get("data");
        assertThat(group.get("id").stringValue()).isEqualTo(team);
        assertThat(group.get("displayName").stringValue()).isEqualTo("Team");
        assertThat(group.at("/meta/location").stringValue()).isEqualTo(issuer + "/scim/v2/Groups/" + team);
        // The PATCH that deactivated and the deactivation are one request: one txn.
        assertThat(sets.get(3).claims().get("txn")).isEqualTo(sets.get(2).claims().get("txn"));
        assertThat(sets.get(3).payload().size()).isZero();
        assertThat(sets.get(4).payload().get("attributes").toString()).isEqualTo("[\"members\"]");
        assertThat(sets.get(5).payload().size()).isZero();
    }

    @Test
    void whatIsAcknowledgedIsNeverDeliveredAgainAndWhatIsNotIs() {
        ScimClient idp = newScimClient("feed-ack");
        EventReceiver receiver = EventReceiver.of(http, idp.tenantId());
        String streamId = receiver.createStream(PROV + "create:notice").get("stream_id").stringValue();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(idp.createUser("user" + i + "@example.com"));
        }

        JsonNode first = receiver.poll(streamId, Map.of("returnImmediately", true, "maxEvents", 2));
        assertThat(first.get("moreAvailable").booleanValue()).isTrue();
        List<String> firstJtis = jtis(first);
        assertThat(subjects(receiver, first)).containsExactly("/Users/" + users.get(0), "/Users/" + users.get(1));
        // Not acknowledged: the same SETs again.
        assertThat(jtis(receiver.poll(streamId, Map.of("returnImmediately", true, "maxEvents", 2)))).isEqualTo(firstJtis);

        JsonNode second = receiver.poll(streamId, Map.of("returnImmediately", true, "maxEvents", 2, "ack", firstJtis));
        assertThat(subjects(receiver, second)).containsExactly("/Users/" + users.get(2), "/Users/" + users.get(3));
        List<String> secondJtis = jtis(second);
        // Out of order: the fourth is acknowledged, the third is not, so the third comes again, the fourth never.
        JsonNode third = receiver.poll(streamId, Map.of("returnImmediately", true, "maxEvents", 10,
                "ack", List.of(secondJtis.get(1))));
        assertThat(subjects(receiver, third)).containsExactly("/Users/" + users.get(2), "/Users/" + users.get(4));
        assertThat(third.get("moreAvailable").booleanValue()).isFalse();

        // An error report ends a SET's delivery like an acknowledgement.
        List<String> thirdJtis = jtis(third);
        JsonNode done = receiver.poll(streamId, Map.of("returnImmediately", true, "ack", List.of(thirdJtis.get(0)),
                "setErrs", Map.of(thirdJtis.get(1), Map.of("err", "invalid_request", "description", "test"))));
        assertThat(done.get("sets").size()).isZero();
        assertThat(receiver.poll(streamId, Map.of("returnImmediately", true)).get("sets").size()).isZero();

        // What comes later is delivered from there on.
        String sixth = idp.createUser("user5@example.com");
        assertThat(subjects(receiver, receiver.poll(streamId, Map.of("returnImmediately", true))))
                .containsExactly("/Users/" + sixth);
    }

    @Test
    void aStreamSeesOnlyItsTenantsChanges() {
        ScimClient idpA = newScimClient("feed-a");
        ScimClient idpB = newScimClient("feed-b");
        EventReceiver a = EventReceiver.of(http, idpA.tenantId());
        EventReceiver b = EventReceiver.of(http, idpB.tenantId());
        String streamA = a.createStream(PROV + "create:full").get("stream_id").stringValue();
        String streamB = b.createStream(PROV + "create:full").get("stream_id").stringValue();

        String userB = idpB.createUser("bob@example.com");
        String userA = idpA.createUser("ann@example.com");

        JsonNode polledA = a.poll(streamA, Map.of("returnImmediately", true));
        assertThat(subjects(a, polledA)).containsExactly("/Users/" + userA);
        assertThat(subjects(b, b.poll(streamB, Map.of("returnImmediately", true)))).containsExactly("/Users/" + userB);
        // A's SET ids mean nothing on B's stream: acknowledging them there changes nothing.
        b.poll(streamB, Map.of("returnImmediately", true, "maxEvents", 0, "ack", jtis(polledA)));
        assertThat(subjects(b, b.poll(streamB, Map.of("returnImmediately", true)))).containsExactly("/Users/" + userB);
    }

    @Test
    void aLongPollAnswersAsSoonAsAChangeArrives() throws Exception {
        ScimClient idp = newScimClient("feed-long");
        EventReceiver receiver = EventReceiver.of(http, idp.tenantId());
        String streamId = receiver.createStream(PROV + "create:notice").get("stream_id").stringValue();

        long started = System.nanoTime();
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(
                () -> receiver.poll(streamId, Map.of("returnImmediately", false)));
        Thread.sleep(1500);
        assertThat(waiting).as("nothing to deliver yet, so the poll waits").isNotDone();
        String user = idp.createUser("late@example.com");
        JsonNode answer = waiting.get(15, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(subjects(receiver, answer)).containsExactly("/Users/" + user);
    }

    private static List<String> jtis(JsonNode answer) {
        List<String> jtis = new ArrayList<>();
        answer.get("sets").propertyNames().forEach(jtis::add);
        return jtis;
    }

    private static List<String> subjects(EventReceiver receiver, JsonNode answer) {
        return receiver.verified(answer).stream().map(EventReceiver.Set::uri).toList();
    }
}
