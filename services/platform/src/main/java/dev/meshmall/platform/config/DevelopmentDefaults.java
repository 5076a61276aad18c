package dev.meshmall.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * A service deployed for production ({@code deployment.production: true}) refuses to start while one of its
 * secrets still has the development value its own {@code application.yaml} ships: the database password, and
 * whatever else the service lists in {@code deployment.secrets} (auth's signing key secret, payment's vault key).
 */
public final class DevelopmentDefaults {
    private static final String DATABASE_PASSWORD = "db.connection.password";

    private DevelopmentDefaults() {
    }

    public static void refuseInProduction(Class<?> app, Config config) {
        if (!config.get("deployment.production").asBoolean().orElse(false)) {
            return;
        }
        Config bundled = Config.just(ConfigSources.url(ServiceConfig.applicationYaml(app)));
        List<String> secrets = new ArrayList<>(List.of(DATABASE_PASSWORD));
        secrets.addAll(bundled.get("deployment.secrets").asList(String.class).orElse(List.of()));
        for (String key : secrets) {
            Optional<String> builtIn = bundled.get(key).asString().asOptional();
            if (builtIn.isPresent() && builtIn.equals(config.get(key).asString().asOptional())) {
                throw new IllegalStateException(key + " still has its built-in development value: in production set it"
                        + " from a secret");
            }
        }
    }
}
