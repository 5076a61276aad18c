package dev.meshmall.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.meshmall.platform.identity.KeySource;

import io.grpc.BindableService;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.http.HttpRouting;

/** The parts of a service the platform serves: REST routes, gRPC services, health checks, what to close. */
public final class Wiring {
    private final Consumer<HttpRouting.Builder> http;
    private final List<BindableService> grpc;
    private final List<HealthCheck> checks;
    private final List<AutoCloseable> onStop;
    private final Optional<KeySource> keys;

    private Wiring(Builder b) {
        this.http = b.http;
        this.grpc = List.copyOf(b.grpc);
        this.checks = List.copyOf(b.checks);
        this.onStop = List.copyOf(b.onStop);
        this.keys = Optional.ofNullable(b.keys);
    }

    public static Builder builder() {
        return new Builder();
    }

    Consumer<HttpRouting.Builder> http() {
        return http;
    }

    List<BindableService> grpc() {
        return grpc;
    }

    List<HealthCheck> checks() {
        return checks;
    }

    List<AutoCloseable> onStop() {
        return onStop;
    }

    Optional<KeySource> keys() {
        return keys;
    }

    public static final class Builder {
        private Consumer<HttpRouting.Builder> http = r -> { };
        private final List<BindableService> grpc = new ArrayList<>();
        private final List<HealthCheck> checks = new ArrayList<>();
        private final List<AutoCloseable> onStop = new ArrayList<>();
        private KeySource keys;

        public Builder http(Consumer<HttpRouting.Builder> http) {
            this.http = http;
            return this;
        }

        public Builder grpc(BindableService service) {
            grpc.add(service);
            return this;
        }

        public Builder check(HealthCheck check) {
            checks.add(check);
            return this;
        }

        /** Closed, in order, when the service stops (schedulers first, then what they use). */
        public Builder onStop(AutoCloseable closeable) {
            onStop.add(closeable);
            return this;
        }

        /**
         * Where tokens' keys come from, for the auth service, which holds them; every other service fetches
         * the auth service's JWKS from {@code jwt.jwks}.
         */
        public Builder keys(KeySource keys) {
            this.keys = keys;
            return this;
        }

        public Wiring build() {
            return new Wiring(this);
        }
    }
}
