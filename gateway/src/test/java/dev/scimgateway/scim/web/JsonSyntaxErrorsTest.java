package dev.scimgateway.scim.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Malformed JSON → what the client reads: the problem and where it is, without Jackson's internals. */
class JsonSyntaxErrorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"id":"x"                 | Unexpected end-of-input: expected close marker for Object (line 1, column 10)
            [1,2                      | Unexpected end-of-input: expected close marker for Array (line 1, column 5)
            {"id": NaN}               | Non-standard token 'NaN' (line 1, column 11)
            /* c */ {}                | maybe a (non-standard) comment? (line 1, column 1)
            {"id": "x",}              | was expecting double-quote to start property name (line 1, column 12)
            nope                      | Unrecognized token 'nope'
            """)
    void saysWhatAndWhere(String body, String expected) {
        assertThat(describe(body)).startsWith("The body is not valid JSON: ").contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"id":"x"
            {"id": NaN}
            /* c */ {}
            """)
    void namesNoParserInternals(String body) {
        assertThat(describe(body)).doesNotContain("`").doesNotContain("Source").doesNotContain("Feature")
                .doesNotContain("REDACTED").doesNotContain("#UNKNOWN");
    }

    @org.junit.jupiter.api.Test
    void limitsKeepTheirNumbersAndLoseTheirSource() {
        assertThat(describe("[".repeat(2000))).contains("exceeds the maximum allowed (").doesNotContain("`")
                .doesNotContain("StreamReadConstraints");
        assertThat(describe("{\"n\": " + "1".repeat(2000) + "}")).contains("exceeds the maximum allowed (1000)");
    }

    private static String describe(String body) {
        JacksonException e = catchThrowableOfType(JacksonException.class, () -> JSON.readTree(body));
        return JsonSyntaxErrors.describe("The body", e);
    }
}
