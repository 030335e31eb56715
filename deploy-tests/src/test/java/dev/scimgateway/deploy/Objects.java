package dev.scimgateway.deploy;

import java.util.List;
import java.util.Map;

/** Navigation in untyped manifests, for custom resources and generic checks. */
final class Objects {

    private Objects() {}

    @SuppressWarnings("unchecked")
    static <T> T at(Object root, String... path) {
        Object node = root;
        for (String step : path) {
            if (node instanceof Map<?, ?> map) {
                node = map.get(step);
            } else if (node instanceof List<?> list) {
                node = list.get(Integer.parseInt(step));
            } else {
                throw new AssertionError("no " + String.join(".", path) + " in " + root);
            }
        }
        return (T) node;
    }

    static Map<String, Object> one(List<Map<String, Object>> docs, String kind) {
        List<Map<String, Object>> found = all(docs, kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    static List<Map<String, Object>> all(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    static boolean has(List<Map<String, Object>> docs, String kind) {
        return !all(docs, kind).isEmpty();
    }
}
