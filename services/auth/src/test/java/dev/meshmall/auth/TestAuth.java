package dev.meshmall.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.RunningService;
import dev.meshmall.platform.http.Json;
import dev.meshmall.proto.auth.v1.AuthServiceGrpc;
import dev.meshmall.proto.auth.v1.LoginRequest;
import dev.meshmall.proto.auth.v1.TokenPair;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestServices;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;

/**
 * One running auth service with its clients, and the small things the tests of auth share. Its user service is
 * the JVM's {@link FakeUsers}: every token pair a test gets comes from a real login at this auth.
 */
final class TestAuth implements AutoCloseable {
    final AuthApp app;
    final FakeUsers users = FakeUsers.shared();
    final RunningService service;
    final Http1Client http;
    final ManagedChannel channel;
    final AuthServiceGrpc.AuthServiceBlockingStub grpc;
    final Map<String, String> settings;

    private TestAuth(AuthApp app, RunningService service, Map<String, String> settings) {
        this.app = app;
        this.service = service;
        this.settings = settings;
        this.http = TestServices.http(service);
        this.channel = TestServices.grpcAs(service, "user");
        this.grpc = AuthServiceGrpc.newBlockingStub(channel);
    }

    /** Settings for a fresh database, with the JVM's fake user service. */
    static Map<String, String> freshSettings() {
        Map<String, String> settings = new HashMap<>(TestDatabase.newDatabase());
        settings.put("services.user.grpc", FakeUsers.shared().address());
        return settings;
    }

    /** Changes that make a replica's user service "down": nothing listens at its address. */
    static Map<String, String> userDown() {
        return Map.of("services.user.grpc", "127.0.0.1:" + TestServices.freePort());
    }

    static TestAuth start(Map<String, String> settings) {
        return start(settings, Optional.empty());
    }

    static TestAuth start(Map<String, String> settings, Optional<java.nio.file.Path> file) {
        AuthApp app = new AuthApp();
        return new TestAuth(app, TestServices.start(app, settings, file), settings);
    }

    /** Another auth on the same database, with some settings changed: a second replica. */
    TestAuth replica(Map<String, String> changes) {
        Map<String, String> replicaSettings = new HashMap<>(settings);
        replicaSettings.putAll(changes);
        return start(replicaSettings);
    }

    /** A token pair of a new account of {@code userId} with {@code roles}, from a login over gRPC. */
    TokenPair issue(String userId, String... roles) {
        return login(users.registerWithId(userId, roles));
    }

    TokenPair login(FakeUsers.Registered account) {
        return grpc.login(LoginRequest.newBuilder().setEmail(account.email).setPassword(account.password).build());
    }

    /** {@code POST /api/v1/auth/login} with these extra headers. */
    Reply login(String email, String password, Map<String, String> headers) {
        return post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", headers);
    }

    Reply post(String path, String body, Map<String, String> headers) {
        var request = http.post(path).header(HeaderNames.CONTENT_TYPE, "application/json");
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        try (HttpClientResponse res = request.submit(body)) {
            return Reply.of(res);
        }
    }

    TokenPair issue() {
        return issue(UUID.randomUUID().toString(), "customer");
    }

    AuthServiceGrpc.AuthServiceBlockingStub grpcAs(String accessToken) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + accessToken);
        return grpc.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    int logout(String accessToken) {
        try (HttpClientResponse res = http.post("/api/v1/auth/logout")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + accessToken).request()) {
            return res.status().code();
        }
    }

    Reply refresh(String body) {
        return post("/api/v1/auth/refresh", body, Map.of());
    }

    String jwks() {
        try (HttpClientResponse res = http.get("/.well-known/jwks.json").request()) {
            return res.as(String.class);
        }
    }

    List<String> jwksKids() {
        List<String> kids = new ArrayList<>();
        json(jwks()).get("keys").forEach(key -> kids.add(key.get("kid").asText()));
        return kids;
    }

    /** Runs one SQL statement on the service's database; answers the first column of the first row, if any. */
    Optional<String> sql(String statement, Object... params) {
        try (Connection c = DriverManager.getConnection(settings.get("db.connection.url"),
                settings.get("db.connection.username"), settings.get("db.connection.password"));
             PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            if (!s.execute()) {
                return Optional.of(Integer.toString(s.getUpdateCount()));
            }
            try (ResultSet rows = s.getResultSet()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        service.close();
    }

    record Reply(int status, String contentType, String body, Optional<String> retryAfter, Optional<String> cacheControl) {
        static Reply of(HttpClientResponse res) {
            return new Reply(res.status().code(), res.headers().contentType().map(Object::toString).orElse(""),
                    res.as(String.class), res.headers().first(HeaderNames.RETRY_AFTER),
                    res.headers().first(HeaderNames.CACHE_CONTROL));
        }

        JsonNode json() {
            return TestAuth.json(body);
        }

        String code() {
            return json().path("code").asText();
        }
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    /** Whether {@code token} is signed by the key its {@code kid} names in the served {@code jwks}. */
    static boolean signedByServedKey(String token, String jwks) {
        try {
            SignedJWT signed = SignedJWT.parse(token);
            JWK key = JWKSet.parse(jwks).getKeyByKeyId(signed.getHeader().getKeyID());
            return key != null
                    && signed.verify(key instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier(key.toRSAKey()));
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded header or payload of a compact JWT. */
    static JsonNode part(String jwt, int index) {
        return json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
    }

    static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] base64urlDecoded(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    static String base64url(String text) {
        return base64url(text.getBytes(StandardCharsets.UTF_8));
    }
}
