package dev.meshmall.payment;

import dev.meshmall.platform.ServiceLauncher;

/** Starts the payment service; {@code migrate} as the first argument only migrates its schema. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ServiceLauncher.run(new PaymentApp(), args);
    }
}
