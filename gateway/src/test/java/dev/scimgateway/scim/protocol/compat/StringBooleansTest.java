package dev.scimgateway.scim.protocol.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StringBooleansTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("true", Optional.of(true)),
                Arguments.of("false", Optional.of(false)),
                Arguments.of("\"False\"", Optional.of(false)),
                Arguments.of("\"TRUE\"", Optional.of(true)),
                Arguments.of("\" true \"", Optional.of(true)),
                Arguments.of("\"yes\"", Optional.empty()),
                Arguments.of("\"0\"", Optional.empty()),
                Arguments.of("1", Optional.empty()),
                Arguments.of("null", Optional.empty()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void readsBooleansAndEntraStrings(String json, Optional<Boolean> expected) {
        JsonNode node = JSON.readTree(json);
        assertThat(StringBooleans.read(node)).isEqualTo(expected);
    }
}
