package dev.meshmall.platform;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestKeys;
import dev.meshmall.testing.TestServices;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlatformTest {
    private static final TestKeys KEYS = new TestKeys();
    private static RunningService upstream;
    private static RunningService probe;
    private static Http1Client http;

    @BeforeAll
    static void start() {
        Map<String, String> db = TestDatabase.newDatabase();
        upstream = TestServices.start(new ProbeApp(KEYS), db, Optional.empty(), ProbeApp.ACCESS);
        Map<String, String> settings = new HashMap<>(db);
        settings.put("services.self.grpc", "127.0.0.1:" + upstream.grpcPort());
        probe = TestServices.start(new ProbeApp(KEYS), settings, Optional.empty(), ProbeApp.ACCESS);
        http = TestServices.http(probe);
    }

    @AfterAll
    static void stop() {
        probe.close();
        upstream.close();
    }

    @Test
    void aProtectedRouteWithoutTokenIsAProblem401() {
        try (HttpClientResponse res = http.get("/api/v1/me").request()) {
            assertThat(res.status().code(), is(401));
            assertThat(res.headers().contentType().orElseThrow().text(), startsWith("application/problem+json"));
            String body = res.as(String.class);
            assertThat(body, containsString("\"code\":\"unauthenticated\""));
            assertThat(body, containsString("\"status\":401"));
        }
    }

    @Test
    void aValidTokenIdentifiesTheCaller() {
        String token = KEYS.token("user-1", List.of("customer"));
        try (HttpClientResponse res = http.get("/api/v1/me").header(HeaderNames.AUTHORIZATION, "Bearer " + token).request()) {
            assertThat(res.status().code(), is(200));
            assertThat(res.as(String.class), is("{\"user_id\":\"user-1\"}"));
        }
    }

    @Test
    void forgedTokensAreRefused() {
        String good = KEYS.token("user-1", List.of("admin"));
        String[] parts = good.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("user-1", "user-2");
        String tampered = parts[0] + "." + b64(payload) + "." + parts[2];
        String none = b64("{\"alg\":\"none\",\"kid\":\"x\"}") + "." + parts[1] + ".";
        String otherKey = new TestKeys().token("user-1", List.of("admin"));
        String expired = KEYS.token("user-1", List.of("admin"), Duration.ofMinutes(-1));
        for (String token : List.of(tampered, none, otherKey, expired, "not-a-jwt")) {
            try (HttpClientResponse res = http.get("/api/v1/me").header(HeaderNames.AUTHORIZATION, "Bearer " + token).request()) {
                assertThat(token, res.status().code(), is(401));
            }
        }
    }

    @Test
    void aCustomerCannotUseAnAdminRoute() {
        try (HttpClientResponse res = http.get("/api/v1/admin")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + KEYS.token("u", List.of("customer"))).request()) {
            assertThat(res.status().code(), is(403));
            assertThat(res.as(String.class), containsString("\"code\":\"forbidden\""));
        }
        try (HttpClientResponse res = http.get("/api/v1/admin")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + KEYS.token("u", List.of("admin"))).request()) {
            assertThat(res.status().code(), is(200));
        }
    }

    @Test
    void badBodiesAreProblemsThatNameTheField() {
        assertThat(post("{\"name\":\"a\",\"quantity\":2}").status().code(), is(200));
        assertThat(post("{\"name\":").status().code(), is(400));
        assertThat(post("").status().code(), is(400));
        HttpClientResponse wrongType = post("{\"name\":\"a\",\"quantity\":\"two\"}");
        assertThat(wrongType.status().code(), is(422));
        assertThat(wrongType.as(String.class), containsString("\"field\":\"quantity\""));
        assertThat(post("{\"name\":5,\"quantity\":1}").status().code(), is(422));
        assertThat(post("{\"name\":\"a\",\"quantity\":1.5}").status().code(), is(422));
        HttpClientResponse outOfRange = post("{\"name\":\"a\",\"quantity\":99999999999}");
        assertThat(outOfRange.status().code(), is(422));
        assertThat(outOfRange.as(String.class), containsString("\"field\":\"quantity\""));
        assertThat(post("{\"name\":\"a\",\"quantity\":1,\"user_id\":\"x\"}").status().code(), is(422));
        assertThat(post("{\"name\":\"" + "x".repeat(70_000) + "\",\"quantity\":1}").status().code(), is(413));
    }

    @Test
    void anUnknownRouteIsAProblem404() {
        try (HttpClientResponse res = http.get("/api/v1/nothing-here")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + KEYS.token("u", List.of("customer"))).request()) {
            assertThat(res.status().code(), is(404));
            assertThat(res.headers().contentType().orElseThrow().text(), startsWith("application/problem+json"));
        }
    }

    @Test
    void domainErrorsKeepTheirCodeAndBugsHideTheirDetails() {
        String token = "Bearer " + KEYS.token("u", List.of("customer"));
        try (HttpClientResponse res = http.get("/api/v1/conflict").header(HeaderNames.AUTHORIZATION, token).request()) {
            assertThat(res.status().code(), is(409));
            assertThat(res.headers().first(HeaderNames.create("x-request-id")).isPresent(), is(true));
            String body = res.as(String.class);
            assertThat(body, containsString("\"code\":\"out_of_stock\""));
            assertThat(body, containsString("\"instance\":\"/api/v1/conflict\""));
        }
        try (HttpClientResponse res = http.get("/api/v1/bug").header(HeaderNames.AUTHORIZATION, token).request()) {
            assertThat(res.status().code(), is(500));
            assertThat(res.as(String.class), not(containsString("secret internals")));
        }
    }

    @Test
    void traceHeadersAndTheUsersTokenReachTheNextService() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        try (HttpClientResponse res = http.get("/api/v1/relay")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + KEYS.token("user-9", List.of("customer")))
                .header(HeaderNames.create("traceparent"), traceparent)
                .request()) {
            assertThat(res.status().code(), is(200));
            assertThat(res.as(String.class), is("user-9 " + traceparent));
        }
    }

    @Test
    void theServiceMigratesItsSchemaAndReachesTheDatabase() {
        try (HttpClientResponse res = http.post("/api/v1/notes")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + KEYS.token("u", List.of("customer"))).request()) {
            assertThat(res.status().code(), is(200));
            assertThat(res.as(String.class), containsString("\"notes\":"));
        }
    }

    @Test
    void healthAndMetricsArePublic() {
        try (HttpClientResponse res = http.get("/observe/health").request()) {
            assertThat(res.status().code(), is(204));
        }
        http.get("/api/v1/ping").request().close();
        http.get("/api/v1/things/42").request().close();
        try (HttpClientResponse res = http.get("/observe/metrics").header(HeaderNames.ACCEPT, "text/plain").request()) {
            assertThat(res.status().code(), is(200));
            String metrics = res.as(String.class);
            assertThat(metrics, containsString("meshmall_http_requests"));
            assertThat(metrics, containsString("route=\"/api/v1/ping\""));
            // a service registered under a prefix is timed by its whole path, with its parameters named
            assertThat(metrics, containsString("route=\"/api/v1/things/{id}\""));
        }
    }

    private static HttpClientResponse post(String body) {
        return http.post("/api/v1/echo").header(HeaderNames.CONTENT_TYPE, "application/json").submit(body);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aServiceWhoseHttpPortIsTakenDoesNotStartAndFreesWhatItOpened() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int grpcPort = TestServices.freePort();
            Map<String, String> settings = new HashMap<>(TestDatabase.newDatabase());
            settings.put("server.port", Integer.toString(taken.getLocalPort()));
            settings.put("grpc.port", Integer.toString(grpcPort));

            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> TestServices.start(new ProbeApp(KEYS), settings));

            assertThat(refused.getMessage(), startsWith("cannot open the http port " + taken.getLocalPort()));
            try (ServerSocket grpcAgain = new ServerSocket(grpcPort, 50, InetAddress.getLoopbackAddress())) {
                assertThat(grpcAgain.isBound(), is(true));
            }
        }
    }

    @Test
    void aServiceDeployedForProductionRefusesItsDevelopmentSecrets() {
        Map<String, String> settings = new HashMap<>(TestDatabase.newDatabase());
        settings.put("deployment.production", "true");
        settings.put("db.connection.password", "meshmall");

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TestServices.start(new ProbeApp(KEYS), settings));

        assertThat(refused.getMessage(), startsWith("db.connection.password still has its built-in development value"));
    }
}
