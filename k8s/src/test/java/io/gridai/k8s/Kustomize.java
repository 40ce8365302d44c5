package io.gridai.k8s;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A deliberately small Kustomize: just what GridAI's overlays use, so the tests see what {@code kubectl apply -k}
 * would apply without a kustomize binary. A {@code kustomization.yaml} may hold {@code apiVersion}, {@code kind},
 * {@code resources} (YAML files, or directories with their own kustomization) and {@code patches}, each a
 * {@code path} and an optional {@code target} ({@code kind}, {@code name}):
 * <ul>
 *   <li>with a target, the file is a JSON6902 patch, a YAML list of ops ({@code add}, {@code replace}, {@code remove}), applied
 *       to every resource matching {@code target} (at least one must);</li>
 *   <li>without one, each document is a strategic-merge patch onto the resource of the same kind and name: maps
 *       merge, {@code null} deletes a key, lists of maps that all carry {@code name} merge by name, other lists
 *       are replaced.</li>
 * </ul>
 * Any other key in a kustomization fails the rendering, so overlays cannot silently use what this does not do.
 */
final class Kustomize {

    static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches");

    private Kustomize() {
    }

    /** All resources of the kustomization in {@code dir}, patched, in order. */
    static List<Map<String, Object>> render(Path dir) {
        Map<String, Object> kustomization = asMap(readAll(dir.resolve("kustomization.yaml")).get(0),
                dir + "/kustomization.yaml");
        for (String key : kustomization.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalArgumentException(dir + "/kustomization.yaml uses '" + key
                        + "', which the test renderer does not support (supported: " + SUPPORTED + ")");
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : list(kustomization.get("resources"))) {
            Path path = dir.resolve((String) entry).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(render(path));
            } else {
                for (Object doc : readAll(path)) {
                    resources.add(asMap(doc, path.toString()));
                }
            }
        }
        for (Object entry : list(kustomization.get("patches"))) {
            Map<String, Object> patch = asMap(entry, "patch entry in " + dir);
            Path path = dir.resolve((String) Objects.requireNonNull(patch.get("path"), "patch without path in " + dir));
            if (patch.get("target") != null) {
                Map<String, Object> target = asMap(patch.get("target"), "target");
                List<?> ops;
                try {
                    ops = YAML.readValue(path.toFile(), List.class);
                } catch (JacksonException e) {
                    throw new IllegalArgumentException(path + " (with a target) must be a JSON6902 list of ops", e);
                }
                List<Map<String, Object>> matches = resources.stream()
                        .filter(r -> matches(r, (String) target.get("kind"), (String) target.get("name")))
                        .toList();
                if (matches.isEmpty()) {
                    throw new IllegalArgumentException(path + ": target " + target + " matches no resource");
                }
                for (Map<String, Object> resource : matches) {
                    for (Object op : ops) {
                        applyJson6902(resource, asMap(op, path.toString()), path);
                    }
                }
            } else {
                for (Object doc : readAll(path)) {
                    Map<String, Object> smp = asMap(doc, path.toString());
                    String kind = (String) smp.get("kind");
                    String name = (String) asMap(smp.get("metadata"), path + " metadata").get("name");
                    Map<String, Object> resource = resources.stream().filter(r -> matches(r, kind, name)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException(
                                    path + ": no " + kind + " named " + name + " to patch"));
                    mergeInto(resource, smp);
                }
            }
        }
        return resources;
    }

    static String kind(Map<String, Object> resource) {
        return (String) resource.get("kind");
    }

    static String name(Map<String, Object> resource) {
        return (String) asMap(resource.get("metadata"), "metadata").get("name");
    }

    private static boolean matches(Map<String, Object> resource, String kind, String name) {
        return (kind == null || kind.equals(kind(resource))) && (name == null || name.equals(name(resource)));
    }

    @SuppressWarnings("unchecked")
    static void mergeInto(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            Object current = target.get(e.getKey());
            Object value = e.getValue();
            if (value == null) {
                target.remove(e.getKey());
            } else if (current instanceof Map && value instanceof Map) {
                mergeInto((Map<String, Object>) current, (Map<String, Object>) value);
            } else if (current instanceof List<?> currentList && value instanceof List<?> valueList
                    && namedMaps(currentList) && namedMaps(valueList)) {
                List<Object> merged = new ArrayList<>(currentList);
                for (Object item : valueList) {
                    Map<String, Object> patchItem = (Map<String, Object>) item;
                    Map<String, Object> existing = merged.stream().map(m -> (Map<String, Object>) m)
                            .filter(m -> m.get("name").equals(patchItem.get("name"))).findFirst().orElse(null);
                    if (existing == null) {
                        merged.add(deepCopy(patchItem));
                    } else {
                        mergeInto(existing, patchItem);
                    }
                }
                target.put(e.getKey(), merged);
            } else {
                target.put(e.getKey(), deepCopy(value));
            }
        }
    }

    private static boolean namedMaps(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") != null);
    }

    @SuppressWarnings("unchecked")
    private static void applyJson6902(Map<String, Object> resource, Map<String, Object> op, Path file) {
        String kind = (String) op.get("op");
        String path = (String) op.get("path");
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException(file + ": bad path " + path);
        }
        String[] tokens = path.substring(1).split("/");
        Object parent = resource;
        for (int i = 0; i < tokens.length - 1; i++) {
            parent = child(parent, unescape(tokens[i]), file, path);
        }
        String last = unescape(tokens[tokens.length - 1]);
        switch (kind) {
            case "add", "replace" -> {
                Object value = deepCopy(op.get("value"));
                if (parent instanceof Map<?, ?> map) {
                    if (kind.equals("replace") && !map.containsKey(last)) {
                        throw new IllegalArgumentException(file + ": replace of missing " + path);
                    }
                    ((Map<String, Object>) map).put(last, value);
                } else if (parent instanceof List<?> list) {
                    List<Object> l = (List<Object>) list;
                    if (last.equals("-")) {
                        l.add(value);
                    } else if (kind.equals("add")) {
                        l.add(Integer.parseInt(last), value);
                    } else {
                        l.set(Integer.parseInt(last), value);
                    }
                } else {
                    throw new IllegalArgumentException(file + ": cannot patch " + path);
                }
            }
            case "remove" -> {
                if (parent instanceof Map<?, ?> map) {
                    if (map.remove(last) == null) {
                        throw new IllegalArgumentException(file + ": remove of missing " + path);
                    }
                } else if (parent instanceof List<?> list) {
                    list.remove(Integer.parseInt(last));
                }
            }
            default -> throw new IllegalArgumentException(file + ": unsupported JSON6902 op " + kind);
        }
    }

    private static Object child(Object parent, String token, Path file, String path) {
        Object next;
        if (parent instanceof Map<?, ?> map) {
            next = map.get(token);
        } else if (parent instanceof List<?> list) {
            next = list.get(Integer.parseInt(token));
        } else {
            next = null;
        }
        if (next == null) {
            throw new IllegalArgumentException(file + ": path " + path + " does not exist");
        }
        return next;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }

    /** Every non-empty YAML document of a file. */
    static List<Object> readAll(Path file) {
        try (MappingIterator<Object> it = YAML.readerFor(Object.class).readValues(file.toFile())) {
            List<Object> docs = new ArrayList<>();
            while (it.hasNext()) {
                Object doc = it.next();
                if (doc != null) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }
}
