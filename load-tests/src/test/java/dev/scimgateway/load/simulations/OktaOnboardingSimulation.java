package dev.scimgateway.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.scimgateway.load.CiAssertions;
import dev.scimgateway.load.Parameters;
import dev.scimgateway.load.ScimProtocol;
import dev.scimgateway.load.okta.OktaBodies;
import dev.scimgateway.load.okta.PlannedGroup;
import dev.scimgateway.load.okta.PlannedUser;
import dev.scimgateway.load.okta.ServerIds;
import dev.scimgateway.load.okta.TenantPlan;
import dev.scimgateway.load.target.GatewayTarget;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A tenant onboarded the way Okta does it, phase after phase: every user assigned (filter, then
 * POST), every group pushed (filter, POST, membership PATCHes of 100), a deactivation wave, the
 * reactivation of the same users, and an import that pages through users and groups.
 *
 * <p>Parameters ({@code -Dname=value}): {@code okta.users} (N), {@code okta.groups} (M),
 * {@code okta.rate} (users per second in the provisioning and the waves), {@code okta.duration}
 * (seconds; when set, overrides the rate so that provisioning takes this long),
 * {@code okta.groupConcurrency} (groups pushed at once), {@code okta.deactivatedShare},
 * {@code okta.seed}, and the target ({@link GatewayTarget}).
 */
public class OktaOnboardingSimulation extends Simulation {

    private static final int MEMBERS_PER_PATCH = 100;
    private static final int PAGE_SIZE = 100;

    private final int userCount = Parameters.integer("okta.users", 120, 1000);
    private final int groupCount = Parameters.integer("okta.groups", 6, 20);
    private final double usersPerSecond = ratePerSecond();
    private final int groupConcurrency = Parameters.integer("okta.groupConcurrency", 3, 4);
    private final TenantPlan plan = TenantPlan.generate(userCount, groupCount,
            Parameters.decimal("okta.deactivatedShare", 0.3, 0.3), Parameters.longValue("okta.seed", 42));
    private final ServerIds userIds = new ServerIds(userCount);
    private final GatewayTarget target = GatewayTarget.fromSystemProperties("okta");

    {
        System.out.printf("Okta onboarding: tenant %s, %d users, %d groups (giant group %d members, %d membership PATCHes),"
                        + " %.1f users/s%n", target.tenantId(), userCount, groupCount, userCount,
                plan.membershipPatchCount(MEMBERS_PER_PATCH), usersPerSecond);
        PopulationBuilder importAll = importAll().injectOpen(atOnceUsers(1));
        PopulationBuilder reactivation = wave("Reactivation wave", true).injectOpen(spread(plan.deactivatedIndexes().length));
        PopulationBuilder deactivation = wave("Deactivation wave", false).injectOpen(spread(plan.deactivatedIndexes().length));
        PopulationBuilder groupPush = pushGroups().injectOpen(rampUsers(groupCount).during(groupPushSpread()));
        PopulationBuilder provisioning = provisionUsers().injectOpen(spread(userCount));
        setUp(provisioning.andThen(groupPush.andThen(deactivation.andThen(reactivation.andThen(importAll)))))
                .protocols(ScimProtocol.okta(target))
                .assertions(CiAssertions.standard());
    }

    private ScenarioBuilder provisionUsers() {
        return scenario("User assignment").feed(indexes(userCount, "user"))
                .exec(http("GET /Users?filter=userName eq").get("/Users")
                        .queryParam("filter", s -> "userName eq \"" + user(s).userName() + "\"")
                        .queryParam("startIndex", 1)
                        .queryParam("count", 100)
                        .check(jmesPath("totalResults").ofInt().saveAs("found"),
                                jmesPath("Resources[0].id").optional().saveAs("id")))
                .doIf(s -> s.getInt("found") == 0).then(
                        exec(http("POST /Users").post("/Users")
                                .body(StringBody(s -> OktaBodies.createUser(user(s))))
                                .check(status().is(201), jmesPath("id").saveAs("id"))))
                .exec(s -> {
                    if (s.contains("id")) {
                        userIds.remember(s.getInt("user"), s.getString("id"));
                    }
                    return s;
                });
    }

    private ScenarioBuilder pushGroups() {
        return scenario("Group push").feed(indexes(groupCount, "group"))
                .exec(http("GET /Groups?filter=displayName eq").get("/Groups")
                        .queryParam("filter", s -> "displayName eq \"" + group(s).displayName() + "\"")
                        .queryParam("startIndex", 1)
                        .queryParam("count", 100)
                        .check(jmesPath("totalResults").ofInt().saveAs("found"),
                                jmesPath("Resources[0].id").optional().saveAs("groupId")))
                .doIf(s -> s.getInt("found") == 0).then(
                        exec(http("POST /Groups").post("/Groups")
                                .body(StringBody(s -> OktaBodies.createGroup(group(s))))
                                .check(status().is(201), jmesPath("id").saveAs("groupId"))))
                .doIf(s -> s.contains("groupId")).then(membershipChunks());
    }

    private ChainBuilder membershipChunks() {
        return repeat(s -> group(s).memberChunks(MEMBERS_PER_PATCH).size(), "chunk").on(
                exec(http("PATCH /Groups/{id} members").patch(s -> "/Groups/" + s.getString("groupId"))
                        .body(StringBody(s -> {
                            PlannedGroup group = group(s);
                            int[] chunk = group.memberChunks(MEMBERS_PER_PATCH).get(s.getInt("chunk"));
                            return OktaBodies.addMembers(s.getString("groupId"), group, chunk, userIds, plan);
                        }))));
    }

    private ScenarioBuilder wave(String name, boolean active) {
        int[] selected = plan.deactivatedIndexes();
        Iterator<Map<String, Object>> feeder = Arrays.stream(selected)
                .mapToObj(i -> Map.<String, Object>of("user", i)).iterator();
        return scenario(name).feed(feeder)
                .doIf(s -> userIds.idOf(s.getInt("user")) != null).then(
                        exec(http(active ? "PATCH /Users/{id} active=true" : "PATCH /Users/{id} active=false")
                                .patch(s -> "/Users/" + userIds.idOf(s.getInt("user")))
                                .body(StringBody(OktaBodies.setActive(active)))));
    }

    private ScenarioBuilder importAll() {
        return scenario("Import").exec(page("/Users")).exec(page("/Groups"));
    }

    /** Okta's import: startIndex 1, 101, 201, … until past totalResults. */
    private static ChainBuilder page(String endpoint) {
        return exec(s -> s.set("startIndex", 1).set("total", 1))
                .asLongAs(s -> s.getInt("startIndex") <= s.getInt("total")).on(
                        exec(http("GET " + endpoint + "?startIndex&count=100").get(endpoint)
                                .queryParam("startIndex", "#{startIndex}")
                                .queryParam("count", PAGE_SIZE)
                                .check(jmesPath("totalResults").ofInt().saveAs("total")))
                        .exec(s -> s.set("startIndex", s.getInt("startIndex") + PAGE_SIZE)));
    }

    private io.gatling.javaapi.core.OpenInjectionStep spread(int users) {
        return rampUsers(Math.max(users, 0)).during(Duration.ofMillis(Math.max(1, Math.round(users * 1000 / usersPerSecond))));
    }

    /** Groups start a little apart, so that about {@code groupConcurrency} are in flight at once. */
    private Duration groupPushSpread() {
        return Duration.ofMillis(Math.max(1, (long) groupCount * 1000 / Math.max(1, groupConcurrency)));
    }

    private static double ratePerSecond() {
        int duration = Parameters.integer("okta.duration", 0, 0);
        int users = Parameters.integer("okta.users", 120, 1000);
        return duration > 0 ? (double) users / duration : Parameters.decimal("okta.rate", 30, 50);
    }

    private static Iterator<Map<String, Object>> indexes(int count, String key) {
        return IntStream.range(0, count).mapToObj(i -> Map.<String, Object>of(key, i)).iterator();
    }

    private PlannedUser user(Session session) {
        return plan.users().get(session.getInt("user"));
    }

    private PlannedGroup group(Session session) {
        return plan.groups().get(session.getInt("group"));
    }
}
