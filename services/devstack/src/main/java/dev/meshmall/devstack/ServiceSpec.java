package dev.meshmall.devstack;

/** A service the devstack starts: its name and the ports of its {@code http} and {@code grpc} sockets. */
record ServiceSpec(String name, int httpPort, int grpcPort) {

    ServiceSpec shifted(int offset) {
        return new ServiceSpec(name, httpPort + offset, grpcPort + offset);
    }

    String httpAddress() {
        return "127.0.0.1:" + httpPort;
    }

    String grpcAddress() {
        return "127.0.0.1:" + grpcPort;
    }
}
