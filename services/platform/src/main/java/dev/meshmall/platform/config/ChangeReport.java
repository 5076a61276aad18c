package dev.meshmall.platform.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import io.helidon.config.Config;

/**
 * One INFO line each time a change of the configuration applies, naming the keys whose values changed:
 * {@code configuration changed: order.payment-timeout PT15M -> PT2M}. The value of a key that looks secret
 * ({@code payment.vault-key}, {@code db.connection.password}) is never shown, only its name.
 */
final class ChangeReport {
    private static final Logger LOG = Logger.getLogger(ServiceConfig.class.getName());
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(secret|password|passwd|credential|private).*|.*(key|token)");

    private final Config started;
    private final AtomicReference<Map<String, String>> applied;

    private ChangeReport(Config config) {
        this.started = config;
        this.applied = new AtomicReference<>(values(config));
    }

    /** Once, at start-up: a listener registered while a change is being delivered fails. */
    static void watch(Config config) {
        ChangeReport report = new ChangeReport(config);
        config.onChange(report::apply);
    }

    /** The line for the change from {@code before} to {@code after}; none when no value changed. */
    static Optional<String> describe(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> changes = keys.stream()
                .filter(key -> !Objects.equals(before.get(key), after.get(key)))
                .map(key -> change(key, before.get(key), after.get(key)))
                .toList();
        return changes.isEmpty()
                ? Optional.empty()
                : Optional.of("configuration changed: " + String.join(", ", changes));
    }

    static boolean looksSecret(String key) {
        return SECRET.matcher(key).matches();
    }

    private void apply(Config config) {
        Map<String, String> now = values(config);
        Map<String, String> before = new HashMap<>(applied.getAndSet(now));
        // an environment variable for a key no file names shows in the tree only once something has read it
        // (identity.tls.* at start): its value then was what the first configuration resolved, not "unset"
        now.keySet().stream().filter(key -> !before.containsKey(key)).forEach(key ->
                started.get(key).asString().ifPresent(value -> before.put(key, value)));
        describe(before, now).ifPresent(LOG::info);
    }

    private static String change(String key, String before, String after) {
        if (looksSecret(key)) {
            return key + " (secret: value not shown)";
        }
        return key + " " + shown(before) + " -> " + shown(after);
    }

    private static String shown(String value) {
        return value == null ? "(unset)" : value.isEmpty() ? "\"\"" : value;
    }

    private static Map<String, String> values(Config config) {
        return config.asMap().orElseGet(Map::of);
    }
}
