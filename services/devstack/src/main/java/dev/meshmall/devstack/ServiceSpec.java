package dev.meshmall.devstack;

/**
 * A service the devstack starts: its name, the ports of its {@code http} and {@code grpc} sockets, and the most
 * heap its JVM may take ({@code -Xmx}).
 */
record ServiceSpec(String name, int httpPort, int grpcPort, String maxHeap) {
    static final String DEFAULT_MAX_HEAP = "160m";

    ServiceSpec(String name, int httpPort, int grpcPort) {
        this(name, httpPort, grpcPort, DEFAULT_MAX_HEAP);
    }

    ServiceSpec shifted(int offset) {
        return new ServiceSpec(name, httpPort + offset, grpcPort + offset, maxHeap);
    }

    String httpAddress() {
        return "127.0.0.1:" + httpPort;
    }

    String grpcAddress() {
        return "127.0.0.1:" + grpcPort;
    }
}
