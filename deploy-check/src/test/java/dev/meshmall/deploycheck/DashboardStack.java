package dev.meshmall.deploycheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.auth.AuthApp;
import dev.meshmall.auth.AuthTokens;
import dev.meshmall.cart.CartApp;
import dev.meshmall.checkout.CheckoutApp;
import dev.meshmall.order.OrderApp;
import dev.meshmall.payment.PaymentApp;
import dev.meshmall.platform.RunningService;
import dev.meshmall.platform.ServiceApp;
import dev.meshmall.product.ProductApp;
import dev.meshmall.testing.Reply;
import dev.meshmall.testing.Rest;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestServices;
import dev.meshmall.user.UserApp;

import io.helidon.http.Method;

/**
 * The seven services, real and in-process on one fresh embedded database, wired to each other as the devstack
 * wires them (the same start order as checkout's own test stack), so their {@code /observe/metrics} can be read.
 */
final class DashboardStack implements AutoCloseable {
    /** The jobs stay out of the way: the dashboards' metrics come from requests, not from schedules. */
    private static final Map<String, String> MANUAL_JOBS = Map.of(
            "order.auto-cancel-interval", "PT1H",
            "payment.sweep-interval", "PT1H",
            "checkout.recovery-interval", "PT1H");

    private final Map<String, String> common = new HashMap<>();
    private final Map<String, RunningService> services = new LinkedHashMap<>();
    private final AuthApp authApp = new AuthApp();

    private DashboardStack() {
        common.putAll(TestDatabase.newDatabase());
        common.putAll(MANUAL_JOBS);
        int userPort = TestServices.freePort();
        int paymentPort = TestServices.freePort();
        common.put("services.user.grpc", "127.0.0.1:" + userPort);
        common.put("services.payment.grpc", "127.0.0.1:" + paymentPort);
        try {
            RunningService auth = start(authApp, 0);
            common.put("jwt.jwks", TestServices.jwks(auth));
            start(new UserApp(), userPort);
            start(new ProductApp(), 0);
            start(new CartApp(), 0);
            start(new OrderApp(), 0);
            start(new PaymentApp(), paymentPort);
            start(new CheckoutApp(), 0);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A port chosen in advance can be taken before its service binds it: then the stack starts again. */
    static DashboardStack start() {
        for (int attempt = 1; ; attempt++) {
            try {
                return new DashboardStack();
            } catch (java.io.UncheckedIOException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private RunningService start(ServiceApp app, int grpcPort) {
        Map<String, String> settings = new HashMap<>(common);
        settings.put("grpc.port", Integer.toString(grpcPort));
        RunningService service = TestServices.start(app, settings);
        services.put(app.name(), service);
        common.put("services." + app.name() + ".grpc", "127.0.0.1:" + service.grpcPort());
        return service;
    }

    Map<String, RunningService> services() {
        return services;
    }

    RunningService service(String name) {
        return Optional.ofNullable(services.get(name)).orElseThrow(() -> new AssertionError("no service " + name));
    }

    /** An access token of a new user with these roles, signed with the running auth's own key. */
    String token(String... roles) {
        return AuthTokens.accessToken(authApp, UUID.randomUUID().toString(), roles);
    }

    Reply send(String service, Method method, String path, Optional<String> json, Optional<String> token,
               Optional<String> idempotencyKey) {
        return Rest.send(TestServices.http(service(service)), method, path, json, token,
                idempotencyKey.map(key -> Map.of("Idempotency-Key", key)).orElse(Map.of()));
    }

    /** The Prometheus text a service serves at {@code /observe/metrics}. */
    String scrape(String service) {
        return send(service, Method.GET, "/observe/metrics", Optional.empty(), Optional.empty(), Optional.empty())
                .expect(200).body();
    }

    @Override
    public void close() {
        List<RunningService> started = new ArrayList<>(services.values());
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
