package dev.meshmall.checkout;

import dev.meshmall.platform.ServiceLauncher;

/** Starts the checkout service; {@code migrate} as the first argument only migrates its schema. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ServiceLauncher.run(new CheckoutApp(), args);
    }
}
