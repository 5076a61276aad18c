package dev.meshmall.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository as the checks read it: files, YAML documents, the services and what their code says. */
final class Repo {
    static final Path ROOT = findRoot();
    static final String NAMESPACE = "meshmall";

    private Repo() {
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("services/devstack")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> documents(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(20 * 1024 * 1024);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(options).loadAll(yaml)) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    static List<Map<String, Object>> documents(Path file) {
        return documents(read(file));
    }

    static List<Path> meshFiles() {
        try (Stream<Path> files = Files.list(ROOT.resolve("mesh"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> meshDocuments() {
        return meshFiles().stream().flatMap(f -> documents(f).stream()).toList();
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    static Map<String, Object> named(List<Map<String, Object>> documents, String kind, String name) {
        return ofKind(documents, kind).stream()
                .filter(d -> name.equals(at(d, "metadata", "name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    /** The devstack's table: the services, in start order. */
    static List<String> services() {
        List<String> names = new ArrayList<>();
        for (Object service : list(devstack().get("services"))) {
            names.add((String) map(service).get("name"));
        }
        return names;
    }

    /** The devstack's routes, prefix to service, in the file's order. */
    static Map<String, String> devstackRoutes() {
        Map<String, String> routes = new LinkedHashMap<>();
        for (Object route : list(devstack().get("routes"))) {
            Map<String, Object> r = map(route);
            routes.put((String) r.get("prefix"), (String) r.get("service"));
        }
        return routes;
    }

    private static Map<String, Object> devstack() {
        return documents(ROOT.resolve("services/devstack/src/main/resources/devstack.yaml")).getFirst();
    }

    static Map<String, Object> applicationYaml(String service) {
        return documents(ROOT.resolve("services").resolve(service).resolve("src/main/resources/application.yaml"))
                .getFirst();
    }

    /** Every key of a configuration tree, leaves and the nodes above them ("db", "db.connection", ...). */
    static Set<String> keys(Map<String, Object> tree) {
        Set<String> keys = new LinkedHashSet<>();
        collectKeys("", tree, keys);
        return keys;
    }

    private static void collectKeys(String prefix, Map<String, Object> tree, Set<String> keys) {
        for (Map.Entry<String, Object> entry : tree.entrySet()) {
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            keys.add(key);
            if (entry.getValue() instanceof Map<?, ?> child) {
                collectKeys(key, map(child), keys);
            }
        }
    }

    private static final Pattern CONFIG_READ = Pattern.compile("\\.get\\(\"([a-z][a-z0-9.-]*)\"\\)");

    /** The keys a service's code (or the platform's, which every service runs) reads by a literal name. */
    static Set<String> keysReadInCode(String service) {
        Set<String> keys = new LinkedHashSet<>();
        for (Path dir : List.of(ROOT.resolve("services").resolve(service).resolve("src/main/java"),
                ROOT.resolve("services/platform/src/main/java"))) {
            for (Path file : javaFiles(dir)) {
                Matcher m = CONFIG_READ.matcher(read(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The configuration key an environment variable sets, as Helidon maps it: "_dash_" is "-", "_" is ".", and
     * the name is lower-cased ({@code PAYMENT_VAULT_dash_KEY} is {@code payment.vault-key}).
     */
    static String configKey(String variable) {
        return variable.replace("_dash_", "-").replace("_DASH_", "-").replace('_', '.').toLowerCase();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new AssertionError("not a mapping: " + value);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new AssertionError("not a list: " + value);
    }

    /** The value at a path of mapping keys, or null. */
    static Object at(Object root, String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(key);
        }
        return node;
    }

    static Optional<String> text(Object root, String... path) {
        return Optional.ofNullable(at(root, path)).map(String::valueOf);
    }
}
