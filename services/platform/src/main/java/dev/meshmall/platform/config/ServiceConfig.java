package dev.meshmall.platform.config;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.PollingStrategies;
import io.helidon.config.spi.ConfigSource;

/**
 * A service's configuration, highest priority first: environment variables ({@code SERVICES_PRODUCT_GRPC}
 * for {@code services.product.grpc}), system properties, the mounted file named by
 * {@code MESHMALL_CONFIG_FILE} (polled, so an edit or a ConfigMap update applies without a restart), then
 * the service's own {@code application.yaml}. When a change of the file applies, one line names the keys it
 * changed.
 */
public final class ServiceConfig {
    public static final String FILE_VARIABLE = "MESHMALL_CONFIG_FILE";
    /**
     * Polled rather than watched: a Kubernetes ConfigMap update swaps the {@code ..data} symlink and never
     * touches the mounted file's own directory entry, which a file-system watcher does not see.
     */
    private static final Duration POLL_PERIOD = Duration.ofSeconds(2);

    private ServiceConfig() {
    }

    /** The configuration of the service whose {@link dev.meshmall.platform.ServiceApp} is {@code app}. */
    public static Config load(Class<?> app) {
        return load(app, Map.of(), mountedFile());
    }

    /**
     * Tests use this form: {@code overrides} sit above everything else (as environment variables do in
     * production), and {@code file} is polled for changes when present.
     */
    public static Config load(Class<?> app, Map<String, String> overrides, Optional<Path> file) {
        List<Supplier<? extends ConfigSource>> sources = new ArrayList<>();
        if (!overrides.isEmpty()) {
            sources.add(ConfigSources.create(overrides));
        }
        sources.add(ConfigSources::environmentVariables);
        sources.add(ConfigSources.systemProperties());
        file.ifPresent(path -> sources.add(ConfigSources.file(path)
                .optional()
                .pollingStrategy(PollingStrategies.regular(POLL_PERIOD))));
        sources.add(ConfigSources.url(applicationYaml(app)));
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(sources)
                .build();
        if (file.isPresent()) {
            ChangeReport.watch(config);
        }
        return config;
    }

    /**
     * The {@code application.yaml} beside {@code app}'s classes, not merely the first on the class path: a test
     * that runs several services in one JVM has several.
     */
    static URL applicationYaml(Class<?> app) {
        try {
            URL location = app.getProtectionDomain().getCodeSource().getLocation();
            if (location.getPath().endsWith(".jar")) {
                return URI.create("jar:" + location.toURI() + "!/application.yaml").toURL();
            }
            return location.toURI().resolve("application.yaml").toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalStateException("cannot locate application.yaml of " + app.getName(), e);
        }
    }

    private static Optional<Path> mountedFile() {
        return Optional.ofNullable(System.getenv(FILE_VARIABLE))
                .or(() -> Optional.ofNullable(System.getProperty("meshmall.config.file")))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .filter(p -> Files.exists(p) || p.getParent() != null);
    }
}
