package dev.scimgateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of kustomize that k8s/ uses, so the overlays can be rendered inside the test JVM
 * without a kustomize binary: resources, components, config map and secret generators (create and
 * merge), strategic-merge patches by kind and name (lists of named items merge by name, other
 * lists are replaced, as kustomize does for the fields we patch), images and namespace.
 * One difference on purpose: generated names get no content-hash suffix.
 * A feature used in k8s/ but missing here fails loudly rather than being ignored.
 */
final class KustomizeLite {

    private static final List<String> SUPPORTED = List.of("apiVersion", "kind", "resources", "components",
            "namespace", "generatorOptions", "configMapGenerator", "secretGenerator", "patches", "images");

    private KustomizeLite() {}

    static List<Map<String, Object>> build(Path dir) {
        List<Map<String, Object>> objects = new ArrayList<>();
        apply(dir, objects);
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static void apply(Path dir, List<Map<String, Object>> objects) {
        Map<String, Object> k = StrictKubernetesParser.documents(read(dir.resolve("kustomization.yaml"))).get(0);
        for (String key : k.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new AssertionError(dir + ": KustomizeLite does not support '" + key + "'");
            }
        }
        for (String resource : list(k, "resources")) {
            Path path = dir.resolve(resource).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(build(path));
            } else {
                objects.addAll(StrictKubernetesParser.documents(read(path)));
            }
        }
        for (String component : list(k, "components")) {
            apply(dir.resolve(component).normalize(), objects);
        }
        Map<String, String> generatorLabels = (Map<String, String>) ((Map<String, Object>) k.getOrDefault("generatorOptions", Map.of()))
                .getOrDefault("labels", Map.of());
        for (Map<String, Object> generator : (List<Map<String, Object>>) k.getOrDefault("configMapGenerator", List.of())) {
            generate(dir, "ConfigMap", generator, generatorLabels, objects);
        }
        for (Map<String, Object> generator : (List<Map<String, Object>>) k.getOrDefault("secretGenerator", List.of())) {
            generate(dir, "Secret", generator, generatorLabels, objects);
        }
        for (Map<String, Object> patch : (List<Map<String, Object>>) k.getOrDefault("patches", List.of())) {
            if (patch.keySet().size() != 1 || !patch.containsKey("path")) {
                throw new AssertionError(dir + ": only 'path' patches are supported: " + patch);
            }
            Map<String, Object> body = StrictKubernetesParser.documents(read(dir.resolve((String) patch.get("path")))).get(0);
            Map<String, Object> target = find(objects, (String) body.get("kind"), StrictKubernetesParser.name(body));
            merge(target, body);
        }
        for (Map<String, Object> image : (List<Map<String, Object>>) k.getOrDefault("images", List.of())) {
            retag(objects, image);
        }
        if (k.get("namespace") instanceof String namespace) {
            objects.forEach(o -> ((Map<String, Object>) o.get("metadata")).put("namespace", namespace));
        }
    }

    @SuppressWarnings("unchecked")
    private static void generate(Path dir, String kind, Map<String, Object> generator, Map<String, String> labels,
            List<Map<String, Object>> objects) {
        String name = (String) generator.get("name");
        Map<String, String> data = new LinkedHashMap<>();
        for (String literal : list(generator, "literals")) {
            int eq = literal.indexOf('=');
            data.put(literal.substring(0, eq), literal.substring(eq + 1));
        }
        // A file entry is "path" (its key is the file name) or "key=path", as kustomize reads them.
        for (String file : list(generator, "files")) {
            int eq = file.indexOf('=');
            String path = file.substring(eq + 1);
            data.put(eq < 0 ? Path.of(path).getFileName().toString() : file.substring(0, eq), read(dir.resolve(path)));
        }
        if (kind.equals("Secret")) {
            data.replaceAll((key, value) -> Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        }
        String behavior = (String) generator.getOrDefault("behavior", "create");
        if (behavior.equals("merge")) {
            ((Map<String, Object>) find(objects, kind, name).get("data")).putAll(data);
            return;
        }
        if (!behavior.equals("create")) {
            throw new AssertionError("generator behavior " + behavior + " is not supported");
        }
        Map<String, Object> options = (Map<String, Object>) generator.getOrDefault("options", Map.of());
        Map<String, String> allLabels = new LinkedHashMap<>(labels);
        allLabels.putAll((Map<String, String>) options.getOrDefault("labels", Map.of()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (!allLabels.isEmpty()) {
            metadata.put("labels", allLabels);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "v1");
        object.put("kind", kind);
        object.put("metadata", metadata);
        if (kind.equals("Secret")) {
            object.put("type", "Opaque");
        }
        object.put("data", data);
        objects.add(object);
    }

    @SuppressWarnings("unchecked")
    private static void retag(List<Map<String, Object>> objects, Map<String, Object> image) {
        for (var object : objects) {
            if (!"Deployment".equals(object.get("kind"))) {
                continue;
            }
            List<Map<String, Object>> containers = Objects.at(object, "spec", "template", "spec", "containers");
            for (var container : containers) {
                String current = (String) container.get("image");
                String repository = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
                String tag = current.contains(":") ? current.substring(current.lastIndexOf(':') + 1) : "latest";
                if (repository.equals(image.get("name"))) {
                    container.put("image", image.getOrDefault("newName", repository) + ":" + image.getOrDefault("newTag", tag));
                }
            }
        }
    }

    /** Strategic merge as kustomize applies it to the fields k8s/ patches. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch) {
        for (var entry : patch.entrySet()) {
            Object current = target.get(entry.getKey());
            Object change = entry.getValue();
            if (change == null) {
                target.remove(entry.getKey());
            } else if (current instanceof Map<?, ?> a && change instanceof Map<?, ?> b) {
                merge((Map<String, Object>) a, (Map<String, Object>) b);
            } else if (current instanceof List<?> a && change instanceof List<?> b && isNamedList(a) && isNamedList(b)) {
                mergeByName((List<Map<String, Object>>) a, (List<Map<String, Object>>) b);
            } else {
                target.put(entry.getKey(), change);
            }
        }
    }

    private static void mergeByName(List<Map<String, Object>> target, List<Map<String, Object>> patch) {
        for (var item : patch) {
            target.stream().filter(t -> t.get("name").equals(item.get("name"))).findFirst()
                    .ifPresentOrElse(t -> merge(t, item), () -> target.add(item));
        }
    }

    private static boolean isNamedList(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") instanceof String);
    }

    private static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(StrictKubernetesParser.name(o)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " to patch or merge"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> map, String key) {
        return (List<String>) map.getOrDefault(key, List.of());
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
