package dev.meshmall.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.meshmall.auth.biz.AccessClaims;
import dev.meshmall.auth.biz.SigningAlgorithm;
import dev.meshmall.auth.biz.SigningKey;
import dev.meshmall.auth.data.JwtSigner;
import dev.meshmall.proto.auth.v1.GetJwksRequest;
import dev.meshmall.proto.auth.v1.LogoutRequest;
import dev.meshmall.proto.auth.v1.RevokeUserTokensRequest;
import dev.meshmall.proto.auth.v1.TokenPair;
import dev.meshmall.proto.auth.v1.VerifyTokenRequest;
import dev.meshmall.proto.auth.v1.VerifyTokenResponse;
import dev.meshmall.testing.TestServices;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessTokenTest {
    private static TestAuth auth;

    @BeforeAll
    static void start() {
        auth = TestAuth.start(TestAuth.freshSettings());
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    @Test
    void theJwksIsPublicCacheableAndListsTheSigningKey() {
        try (HttpClientResponse res = auth.http.get("/.well-known/jwks.json").request()) {
            assertThat(res.status().code(), is(200));
            assertThat(res.headers().first(HeaderNames.CACHE_CONTROL).orElseThrow(), is("public, max-age=300"));
            assertThat(res.headers().contentType().orElseThrow().text(), startsWith("application/json"));
            JsonNode keys = TestAuth.json(res.as(String.class)).get("keys");
            assertThat(keys.size(), is(1));
            JsonNode key = keys.get(0);
            assertThat(key.get("kty").asText(), is("EC"));
            assertThat(key.get("crv").asText(), is("P-256"));
            assertThat(key.get("alg").asText(), is("ES256"));
            assertThat(key.get("use").asText(), is("sig"));
            assertThat(key.get("kid").asText(), is(auth.app.keyRing().signingKey().kid()));
            assertThat(java.util.Base64.getUrlDecoder().decode(key.get("x").asText()).length, is(32));
            assertThat(java.util.Base64.getUrlDecoder().decode(key.get("y").asText()).length, is(32));
            assertTrue(key.path("d").isMissingNode(), "the private part is never published");
        }
    }

    @Test
    void anIssuedAccessTokenVerifiesAgainstTheServedJwksAndCarriesItsClaims() {
        String userId = UUID.randomUUID().toString();
        TokenPair pair = auth.issue(userId, "customer", "merchant");

        assertTrue(TestAuth.signedByServedKey(pair.getAccessToken(), auth.jwks()));
        JsonNode header = TestAuth.part(pair.getAccessToken(), 0);
        assertThat(header.get("alg").asText(), is("ES256"));
        assertThat(header.get("kid").asText(), is(auth.jwksKids().getFirst()));
        JsonNode payload = TestAuth.part(pair.getAccessToken(), 1);
        assertThat(payload.get("iss").asText(), is("meshmall-auth"));
        assertThat(payload.get("aud").asText(), is("meshmall"));
        assertThat(payload.get("sub").asText(), is(userId));
        assertThat(payload.get("roles").toString(), is("[\"customer\",\"merchant\"]"));
        assertThat(payload.get("nbf").asLong(), is(payload.get("iat").asLong()));
        assertThat(payload.get("exp").asLong() - payload.get("iat").asLong(), is(900L));
        assertThat(UUID.fromString(payload.get("jti").asText()).version(), is(4));

        assertThat(pair.getTokenType(), is("Bearer"));
        assertThat(pair.getExpiresIn(), is(900L));
        assertThat(TestAuth.base64urlDecoded(pair.getRefreshToken()).length, is(32));
    }

    @Test
    void noRpcTurnsAUserIdItIsHandedIntoATokenAnyMore() {
        // IssueTokensRequest{user_id} and RevokeUserTokensRequest{user_id} are the same bytes on the wire
        RevokeUserTokensRequest userId = RevokeUserTokensRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> TestServices.callByName(auth.channel,
                "meshmall.auth.v1.AuthService/IssueTokens", userId, TokenPair.getDefaultInstance()));
        assertThat(e.getStatus().getCode(), is(Status.Code.UNIMPLEMENTED));
    }

    @Test
    void anIssuedAccessTokenLogsOutOverRestAndOverGrpc() {
        assertThat(auth.logout(auth.issue().getAccessToken()), is(204));
        assertThat(auth.grpcAs(auth.issue().getAccessToken()).logout(LogoutRequest.getDefaultInstance()).getRevoked(), is(1));
    }

    @Test
    void logoutWithoutATokenIsRefused() {
        try (HttpClientResponse res = auth.http.post("/api/v1/auth/logout").request()) {
            assertThat(res.status().code(), is(401));
            assertThat(res.headers().contentType().orElseThrow().text(), startsWith("application/problem+json"));
            assertThat(res.as(String.class), containsString("\"code\":\"unauthenticated\""));
        }
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> auth.grpc.logout(LogoutRequest.getDefaultInstance()));
        assertThat(e.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void forgedAndExpiredTokensAreRefusedOverRestAndOverGrpc() throws Exception {
        String good = auth.issue(UUID.randomUUID().toString(), "customer").getAccessToken();
        String[] parts = good.split("\\.");
        String kid = TestAuth.part(good, 0).get("kid").asText();
        String jwks = auth.jwks();

        String tampered = parts[0] + "." + TestAuth.base64url(TestAuth.part(good, 1).toString()
                .replace("\"customer\"", "\"admin\"")) + "." + parts[2];
        String expired = new JwtSigner().sign(claims(Instant.now().minus(Duration.ofMinutes(20)), Duration.ofMinutes(15)),
                auth.app.keyRing().signingKey());
        SigningKey impostor = SigningKey.generate(SigningAlgorithm.ES256, 1, Instant.now());
        String otherKeySameKid = new JwtSigner().sign(claims(Instant.now(), Duration.ofMinutes(15)),
                new SigningKey(kid, 1, SigningAlgorithm.ES256, impostor.publicKey(), impostor.privateKey(), Instant.now()));
        String none = TestAuth.base64url("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "." + parts[1] + ".";
        String hsHeader = TestAuth.base64url("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(jwks.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String hs256 = hsHeader + "." + parts[1] + "."
                + TestAuth.base64url(hmac.doFinal((hsHeader + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));

        assertThat(auth.logout(good), is(204));
        for (String forged : List.of(tampered, expired, otherKeySameKid, none, hs256, "not.a.jwt")) {
            try (HttpClientResponse res = auth.http.post("/api/v1/auth/logout")
                    .header(HeaderNames.AUTHORIZATION, "Bearer " + forged).request()) {
                assertThat(forged, res.status().code(), is(401));
                assertThat(res.headers().contentType().orElseThrow().text(), startsWith("application/problem+json"));
            }
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> auth.grpcAs(forged).logout(LogoutRequest.getDefaultInstance()));
            assertThat(forged, e.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
            StatusRuntimeException verify = assertThrows(StatusRuntimeException.class,
                    () -> auth.grpc.verifyToken(VerifyTokenRequest.newBuilder().setAccessToken(forged).build()));
            assertThat(forged, verify.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
        }
    }

    @Test
    void verifyTokenAnswersTheSubjectRolesAndExpiryOfAGoodToken() {
        String userId = UUID.randomUUID().toString();
        String token = auth.issue(userId, "admin", "customer").getAccessToken();
        VerifyTokenResponse verified = auth.grpc.verifyToken(VerifyTokenRequest.newBuilder().setAccessToken(token).build());
        assertThat(verified.getUserId(), is(userId));
        assertThat(verified.getRolesList(), containsInAnyOrder("admin", "customer"));
        assertThat(verified.getExpiresAt().getSeconds(), is(TestAuth.part(token, 1).get("exp").asLong()));

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> auth.grpc.verifyToken(VerifyTokenRequest.getDefaultInstance()));
        assertThat(e.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void getJwksOverGrpcIsTheDocumentServedOverRest() {
        assertThat(auth.grpc.getJwks(GetJwksRequest.getDefaultInstance()).getJwksJson(), is(auth.jwks()));
    }

    @Test
    void issuedTokensAreCounted() {
        auth.issue();
        try (HttpClientResponse res = auth.http.get("/observe/metrics").header(HeaderNames.ACCEPT, "text/plain").request()) {
            String metrics = res.as(String.class);
            assertThat(metrics, containsString("meshmall_auth_tokens_issued_total{grant=\"login\""));
            assertThat(metrics, containsString("meshmall_auth_refreshes_total{outcome=\"reused\""));
        }
    }

    private static AccessClaims claims(Instant issuedAt, Duration ttl) {
        Instant iat = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        return new AccessClaims("meshmall-auth", "meshmall", UUID.randomUUID().toString(), List.of("admin"),
                iat, iat.plus(ttl), UUID.randomUUID().toString());
    }
}
