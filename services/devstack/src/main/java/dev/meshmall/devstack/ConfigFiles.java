package dev.meshmall.devstack;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * The services' config files, {@code <data-dir>/config/<service>.yaml}, each given to its service as
 * {@code MESHMALL_CONFIG_FILE}: the service reads it every 2 s, so an edit of a hot key applies without a
 * restart. A missing file is seeded with the service's hot keys ({@code hot-keys} in {@code devstack.yaml}) at
 * their values in the service's {@code application.yaml}; a file that exists is the user's and is never written.
 */
final class ConfigFiles {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/+-]*");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = """
            # %1$s's config file, made by the devstack and given to %1$s as MESHMALL_CONFIG_FILE. %1$s reads it
            # every 2 s: an edit of the keys below (its hot keys, seeded at their values in its application.yaml)
            # applies without a restart, and %1$s logs the keys that changed. Any other key of its application.yaml
            # may be added here; those apply at its next start. The devstack never overwrites this file: delete it
            # to get the defaults back.
            """;

    private final Path folder;
    private final Map<String, List<String>> hotKeys;

    ConfigFiles(Path folder, Map<String, List<String>> hotKeys) {
        this.folder = folder;
        this.hotKeys = Map.copyOf(hotKeys);
    }

    /** The files in {@code folder}, with the hot keys of {@code devstack.yaml}. */
    static ConfigFiles in(Path folder) {
        Config table = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.classpath(Topology.RESOURCE))
                .build()
                .get("hot-keys");
        Map<String, List<String>> keys = new LinkedHashMap<>();
        table.asNodeList().orElse(List.of())
                .forEach(service -> keys.put(service.name(), service.asList(String.class).get()));
        return new ConfigFiles(folder, keys);
    }

    Path folder() {
        return folder;
    }

    Path of(String service) {
        return folder.resolve(service + ".yaml");
    }

    /** The application.yaml inside the service's jar, the values the service runs with when nothing overrides them. */
    static Config applicationYaml(Path jar) {
        try {
            URL yaml = URI.create("jar:" + jar.toUri() + "!/application.yaml").toURL();
            return Config.builder()
                    .disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource()
                    .sources(ConfigSources.url(yaml))
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the file of {@code service} if it is missing; {@code defaults} is the service's application.yaml. */
    Path seed(String service, Config defaults) {
        Path file = of(service);
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createDirectories(folder);
            Files.writeString(file, text(service, defaults), StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            // written meanwhile: it is the user's
        } catch (IOException e) {
            throw new StartFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    String text(String service, Config defaults) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String key : hotKeys.getOrDefault(service, List.of())) {
            String value = defaults.get(key).asString().orElseThrow(() -> new StartFailure(
                    service + "'s application.yaml has no " + key + ", which " + Topology.RESOURCE
                            + " names as one of its hot keys"));
            put(tree, key.split("\\."), value);
        }
        StringBuilder yaml = new StringBuilder(HEADER.formatted(service));
        write(tree, 0, yaml);
        return yaml.toString();
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String[] path, String value) {
        Map<String, Object> node = tree;
        for (int i = 0; i < path.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(path[i], name -> new LinkedHashMap<String, Object>());
        }
        node.put(path[path.length - 1], value);
    }

    @SuppressWarnings("unchecked")
    private static void write(Map<String, Object> tree, int depth, StringBuilder yaml) {
        tree.forEach((name, value) -> {
            yaml.append("  ".repeat(depth)).append(name).append(':');
            if (value instanceof Map<?, ?> children) {
                yaml.append('\n');
                write((Map<String, Object>) children, depth + 1, yaml);
            } else {
                yaml.append(' ').append(scalar((String) value)).append('\n');
            }
        });
    }

    /** {@code PT15M} as it is; anything YAML could read otherwise as a JSON string, which YAML reads as written. */
    private static String scalar(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
