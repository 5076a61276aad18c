package dev.meshmall.auth;

import dev.meshmall.platform.ServiceLauncher;

/** Starts the auth service; {@code migrate} as the argument only migrates its schema. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ServiceLauncher.run(new AuthApp(), args);
    }
}
