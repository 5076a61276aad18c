package dev.meshmall.platform.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.FileSystemWatcher;
import io.helidon.config.spi.ConfigSource;

/**
 * A service's configuration, highest priority first: environment variables ({@code SERVICES_PRODUCT_GRPC}
 * for {@code services.product.grpc}), system properties, the mounted file named by
 * {@code MESHMALL_CONFIG_FILE} (watched, so an edit or a ConfigMap update applies without a restart), then
 * the service's {@code application.yaml}.
 */
public final class ServiceConfig {
    public static final String FILE_VARIABLE = "MESHMALL_CONFIG_FILE";

    private ServiceConfig() {
    }

    public static Config load() {
        return load(Map.of(), mountedFile());
    }

    /**
     * Tests and the devstack use this form: {@code overrides} sit above everything else (as environment
     * variables do in production), and {@code file} is watched when present.
     */
    public static Config load(Map<String, String> overrides, Optional<Path> file) {
        List<Supplier<? extends ConfigSource>> sources = new ArrayList<>();
        if (!overrides.isEmpty()) {
            sources.add(ConfigSources.create(overrides));
        }
        sources.add(ConfigSources::environmentVariables);
        sources.add(ConfigSources.systemProperties());
        file.ifPresent(path -> sources.add(ConfigSources.file(path)
                .optional()
                .changeWatcher(FileSystemWatcher.create())));
        sources.add(ConfigSources.classpath("application.yaml"));
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(sources)
                .build();
    }

    private static Optional<Path> mountedFile() {
        return Optional.ofNullable(System.getenv(FILE_VARIABLE))
                .or(() -> Optional.ofNullable(System.getProperty("meshmall.config.file")))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .filter(p -> Files.exists(p) || p.getParent() != null);
    }
}
