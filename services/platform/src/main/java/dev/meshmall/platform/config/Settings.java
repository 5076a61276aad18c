package dev.meshmall.platform.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

import io.helidon.config.Config;

/**
 * Settings as suppliers of the current value, so an edit of the mounted configuration file applies at the next
 * use without a restart. A value that does not parse is reported once and the default is used instead.
 */
public final class Settings {
    private static final Logger LOG = Logger.getLogger(Settings.class.getName());

    private Settings() {
    }

    /** An ISO-8601 duration ({@code PT15M}, {@code P30D}) of at least {@code minimum}. */
    public static Supplier<Duration> duration(Config config, String key, Duration fallback, Duration minimum) {
        Supplier<String> raw = config.get(key).asString().supplier(fallback.toString());
        AtomicReference<String> reported = new AtomicReference<>();
        return () -> {
            String value = raw.get();
            try {
                Duration parsed = Duration.parse(value.trim());
                if (parsed.compareTo(minimum) >= 0) {
                    return parsed;
                }
            } catch (DateTimeParseException e) {
                // reported below, like a value under the minimum
            }
            if (!value.equals(reported.getAndSet(value))) {
                LOG.warning(key + " = " + value + " is not an ISO-8601 duration of at least " + minimum
                        + "; using " + fallback);
            }
            return fallback;
        };
    }

    public static Supplier<String> text(Config config, String key, String fallback) {
        return config.get(key).asString().supplier(fallback);
    }
}
