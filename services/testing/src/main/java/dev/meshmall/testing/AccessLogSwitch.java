package dev.meshmall.testing;

import java.util.logging.Level;
import java.util.logging.Logger;

import dev.meshmall.platform.log.Logs;

/**
 * The services' access log (off unless {@code log.access} is true), turned on while a test listens to what they
 * log and set back after; a switch never turned on sets nothing back. Holds the logger: java.util.logging keeps
 * only a weak reference to it.
 */
final class AccessLogSwitch {
    private final Logger access = Logger.getLogger(Logs.ACCESS_LOGGER);
    private Level before;
    private boolean on;

    void on() {
        if (!on) {
            before = access.getLevel();
            on = true;
        }
        access.setLevel(Level.INFO);
    }

    void restore() {
        if (on) {
            access.setLevel(before);
            on = false;
        }
    }
}
