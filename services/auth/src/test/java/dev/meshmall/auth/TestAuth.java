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
import dev.meshmall.proto.auth.v1.IssueTokensRequest;
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

/** One running auth service with its clients, and the small things the tests of auth share. */
final class TestAuth implements AutoCloseable {
    final AuthApp app;
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

    /** Settings for a fresh database; the user service is "down" (nothing listens at its address). */
    static Map<String, String> freshSettings() {
        Map<String, String> settings = new HashMap<>(TestDatabase.newDatabase());
        settings.put("services.user.grpc", "127.0.0.1:" + TestServices.freePort());
        return settings;
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

    TokenPair issue(String userId, String... roles) {
        return grpc.issueTokens(IssueTokensRequest.newBuilder().setUserId(userId).addAllRoles(List.of(roles)).build());
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
        try (HttpClientResponse res = http.post("/api/v1/auth/refresh")
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(body)) {
            return new Reply(res.status().code(), res.headers().contentType().map(Object::toString).orElse(""),
                    res.as(String.class));
        }
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

    record Reply(int status, String contentType, String body) {
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
