package dev.meshmall.user;

import dev.meshmall.platform.ServiceLauncher;

/** Starts the user service; {@code migrate} as the first argument only migrates its schema. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ServiceLauncher.run(new UserApp(), args);
    }
}
