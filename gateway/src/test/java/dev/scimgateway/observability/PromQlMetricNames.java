package dev.scimgateway.observability;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Not a full parser: it removes what can hold
 * identifiers that are not metrics (strings, label matchers, ranges, grouping clauses, function
 * names, keywords) and keeps the identifiers left over, so a bare name ({@code up > 0}) counts as
 * well as a selector ({@code up{job="x"}}).
 */
final class PromQlMetricNames {

    private static final Pattern HELM_ACTION = Pattern.compile("\\{\\{.*?}}", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^{}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN");
    /** Grafana: {@code label_values(selector, label)}; only the selector names a metric. */
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*[a-zA-Z_]\\w*\\s*\\)\\s*$",
            Pattern.DOTALL);

    private PromQlMetricNames() {}

    /** Metric names of a PromQL expression, which may still hold Helm actions ({{ ... }}). */
    static Set<String> in(String expression) {
        String text = HELM_ACTION.matcher(expression).replaceAll(" ");
        text = STRING.matcher(text).replaceAll("\"\"");
        text = MATCHERS.matcher(text).replaceAll(" ");
        text = RANGE.matcher(text).replaceAll(" ");
        text = GROUPING.matcher(text).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** Metric names of a Grafana variable query: PromQL, or label_values over a selector. */
    static Set<String> inVariableQuery(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        return in(labelValues.matches() ? labelValues.group(1) : query);
    }
}
