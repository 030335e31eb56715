package dev.scimgateway.load.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replay's bookkeeping, checked on the sample capture that the smoke run also replays. */
class ReplayPlanTest {

    private static final Path SAMPLE = Path.of("src/test/resources/replay/okta-sample.ndjson");
    private static final String USER_0 = "5ca1ab1e-0000-4000-8000-000000000000";

    private final List<CapturedRequest> requests = TrafficFile.read(SAMPLE);

    @Test
    void everyRequestAboutOneUserStaysInOneLaneInCapturedOrder() {
        var lane = ResourceLanes.split(requests).stream()
                .filter(l -> l.get(0).method().equals("POST") && USER_0.equals(l.get(0).id()))
                .findFirst().orElseThrow();
        assertEquals(List.of("POST", "GET", "PUT"), lane.stream().map(CapturedRequest::method).toList());
    }

    @Test
    void aRequestNamingAnUncreatedIdWaitsThenIsRewritten() {
        var ids = new IdMap(requests);
        String path = "/Users/" + USER_0;
        assertTrue(ids.waitsFor(path));
        ids.learn(USER_0.toUpperCase(), "11111111-2222-4333-8444-555555555555");
        assertFalse(ids.waitsFor(path));
        assertEquals("/Users/11111111-2222-4333-8444-555555555555", ids.rewrite(path));
    }

    @Test
    void aFailedCreateStopsTheWaitAndLeavesTheIdAlone() {
        var ids = new IdMap(requests);
        ids.learn(USER_0, null);
        assertFalse(ids.waitsFor("/Users/" + USER_0));
        assertEquals("/Users/" + USER_0, ids.rewrite("/Users/" + USER_0));
    }

    @Test
    void requestTypesNameTheShapeNotTheId() {
        var patch = requests.stream().filter(r -> r.method().equals("PATCH") && r.path().startsWith("/Groups"))
                .findFirst().orElseThrow();
        assertEquals("PATCH /Groups/{id}", IdMap.requestType(patch));
    }
}
