package dev.scimgateway.scim.protocol.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneLoginSchemaUrnsTest {

    @Test
    void mapsOneLoginUrnsToStandardOnes() {
        assertThat(OneLoginSchemaUrns.standardize("urn:scim:schemas:core:2.0"))
                .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:User");
        assertThat(OneLoginSchemaUrns.standardize("URN:SCIM:schemas:extension:enterprise:2.0"))
                .isEqualTo("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        assertThat(OneLoginSchemaUrns.isAlias("urn:scim:schemas:core:2.0")).isTrue();
    }

    @Test
    void leavesOtherUrnsAlone() {
        String group = "urn:ietf:params:scim:schemas:core:2.0:Group";
        assertThat(OneLoginSchemaUrns.standardize(group)).isSameAs(group);
        assertThat(OneLoginSchemaUrns.isAlias(group)).isFalse();
    }
}
