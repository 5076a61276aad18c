package dev.meshmall.load;

import java.time.Duration;

/**
 * What a run is told by system properties (Maven passes its own -D options on to the Gatling JVM), so one
 * simulation runs against the devstack, compose or a cluster's ingress, at any profile.
 */
final class RunSettings {

    /** The shop's entry: the devstack's port, compose's gateway, or a cluster's ingress. */
    static final String BASE_URL = text("baseUrl", "http://localhost:8080");

    /** smoke, capacity or soak: see {@link Profile}. */
    static final Profile PROFILE = Profile.named(text("profile", "smoke"));

    /** soak: how long the steady rate lasts. */
    static final Duration DURATION = Duration.ofSeconds(number("duration", 60));

    /** soak: arrivals per second of the main scenario. */
    static final double RATE = decimal("rate", 2);

    /** capacity: the first rate, the step added at each level, how many levels and how long each lasts. */
    static final double START_RATE = decimal("startRate", 1);
    static final double RATE_STEP = decimal("rateStep", 1);
    static final int LEVELS = (int) number("levels", 10);
    static final Duration LEVEL_DURATION = Duration.ofSeconds(number("levelDuration", 20));

    /** Distinct products a buyer puts in the cart, one of each. */
    static final int CART_SIZE = (int) number("cartSize", 1);

    /**
     * Purchases each buyer makes after signing up once. Signing up and logging in hash a password with
     * Argon2id, on purpose slow; several purchases per account keep that cost from hiding the checkout's.
     */
    static final int PURCHASES_PER_BUYER = (int) number("purchasesPerBuyer", 1);

    /** The category buyers shop in; empty: the whole catalog (the benchmark loads one with enough stock). */
    static final String BUY_CATEGORY = text("buyCategory", "");

    private RunSettings() {
    }

    private static String text(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static long number(String name, long fallback) {
        return Long.parseLong(text(name, Long.toString(fallback)));
    }

    private static double decimal(String name, double fallback) {
        return Double.parseDouble(text(name, Double.toString(fallback)));
    }
}
