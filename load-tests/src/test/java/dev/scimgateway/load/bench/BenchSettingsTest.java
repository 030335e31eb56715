package dev.scimgateway.load.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    /** 20,000 lines took 3 s, mostly the streams' start and the heap probes: the default import is longer. */
    @Test
    void theImportIsNAtLeastAHundredThousandUnlessSet() {
        assertEquals(100_000, BenchSettings.streamUsers(0, 20_000));
        assertEquals(1_000_000, BenchSettings.streamUsers(0, 1_000_000));
        assertEquals(5_000, BenchSettings.streamUsers(5_000, 20_000));
    }
}
