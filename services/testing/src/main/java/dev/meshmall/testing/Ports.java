package dev.meshmall.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a test may put a port it chooses before its owner binds it. Plain JDK, so any test module can use it. */
public final class Ports {
    private Ports() {
    }

    /**
     * The first port of the kernel's ephemeral range, from which outgoing connections take theirs: a port chosen
     * below it cannot be taken by a connection before its owner binds it.
     */
    public static int ephemeralRangeStart() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            // readAllLines, not readString: a /proc file reports size 0 and readString reads just its first byte
            return Integer.parseInt(Files.readAllLines(range).getFirst().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unknown) {
            return 32_768;
        }
    }
}
