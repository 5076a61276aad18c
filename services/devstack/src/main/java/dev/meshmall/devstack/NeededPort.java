package dev.meshmall.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A port the stack is about to open and what for, as the user reads it: {@code 8081 (auth http)}. */
record NeededPort(int port, String purpose) {

    /**
     * Why the stack cannot have all of {@code ports}, checked before anything starts so that a second
     * devstack fails at once instead of half-way.
     */
    static Optional<String> whyNotAll(List<NeededPort> ports) {
        Map<Integer, NeededPort> seen = new HashMap<>();
        for (NeededPort needed : ports) {
            if (needed.port() < 1 || needed.port() > 65535) {
                return Optional.of("port " + needed.port() + " (" + needed.purpose() + ") is not a port number");
            }
            NeededPort other = seen.putIfAbsent(needed.port(), needed);
            if (other != null) {
                return Optional.of("port " + needed.port() + " is asked for twice: " + other.purpose() + " and "
                        + needed.purpose());
            }
            if (!needed.isFree()) {
                return Optional.of("port " + needed.port() + " (" + needed.purpose() + ") is already in use"
                        + " — is another devstack running? use --port/--postgres-port/--service-port-offset");
            }
        }
        return Optional.empty();
    }

    private boolean isFree() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
