package dev.meshmall.user;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.meshmall.auth.biz.AccessClaims;
import dev.meshmall.auth.data.JwtSigner;
import dev.meshmall.proto.user.v1.GetUserRequest;
import dev.meshmall.user.UserStack.Customer;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.JwkEC;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Only tokens signed by auth's current keys, unexpired and unaltered, open an account. */
class ForgedTokensTest {
    private static UserStack stack;
    private static Customer customer;

    @BeforeAll
    static void start() {
        stack = UserStack.start();
        customer = stack.newCustomer();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theGenuineTokenWorks() {
        assertThat(stack.get("/api/v1/users/me", customer.token()).status(), is(200));
        assertThat(stack.get("/api/v1/users/me", signedByAuth(Duration.ofMinutes(5))).status(), is(200));
    }

    @Test
    void aTamperedTokenIsRefused() {
        String[] parts = customer.token().split("\\.");
        String payload = Jwts.decode(parts[1]).replace("\"customer\"", "\"admin\"");
        String tampered = parts[0] + "." + Jwts.encode(payload) + "." + parts[2];

        assertThat(stack.get("/api/v1/users/me", tampered).status(), is(401));
        assertThat(stack.get("/api/v1/admin/users", tampered).status(), is(401));
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertThat(stack.get("/api/v1/users/me", signedByAuth(Duration.ofMinutes(-5))).status(), is(401));
    }

    @Test
    void aTokenSignedByAnotherKeyWithTheSameKidIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var pair = generator.generateKeyPair();
        String kid = Jwts.header(customer.token()).get("kid").asText();
        JwkEC impostor = JwkEC.builder().keyId(kid).algorithm(JwkEC.ALG_ES256)
                .publicKey((ECPublicKey) pair.getPublic()).privateKey((ECPrivateKey) pair.getPrivate()).build();
        Instant now = Instant.now();
        Jwt jwt = Jwt.builder().algorithm(JwkEC.ALG_ES256).keyId(kid).issuer("meshmall-auth").addAudience("meshmall")
                .subject(customer.id()).addPayloadClaim("roles", List.of("admin")).issueTime(now).notBefore(now)
                .expirationTime(now.plus(Duration.ofMinutes(5))).build();

        assertThat(stack.get("/api/v1/users/me", SignedJwt.sign(jwt, impostor).tokenContent()).status(), is(401));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String[] parts = customer.token().split("\\.");
        String kid = Jwts.header(customer.token()).get("kid").asText();
        String none = Jwts.encode("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "." + parts[1] + ".";

        assertThat(stack.get("/api/v1/users/me", none).status(), is(401));
    }

    @Test
    void anHmacTokenKeyedWithThePublicJwksIsRefused() throws Exception {
        String jwks = UserStack.getAnonymously(stack.authHttp, "/.well-known/jwks.json").body();
        String kid = Jwts.header(customer.token()).get("kid").asText();
        String signingInput = Jwts.encode("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "."
                + customer.token().split("\\.")[1];
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(jwks.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));

        assertThat(stack.get("/api/v1/users/me", signingInput + "." + signature).status(), is(401));
    }

    @Test
    void gRpcRefusesWhatRestRefuses() {
        String[] parts = customer.token().split("\\.");
        String tampered = parts[0] + "." + Jwts.encode(Jwts.decode(parts[1]).replace(customer.id(), UUID.randomUUID().toString()))
                + "." + parts[2];

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> stack.userGrpc(tampered).getUser(GetUserRequest.getDefaultInstance()));
        assertThat(e.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
        StatusRuntimeException none = assertThrows(StatusRuntimeException.class,
                () -> stack.userGrpc().getUser(GetUserRequest.getDefaultInstance()));
        assertThat(none.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
        assertThat(stack.userGrpc(customer.token()).getUser(GetUserRequest.getDefaultInstance()).getId(), is(customer.id()));
    }

    /**
     * A token signed with auth's real signing key, valid for {@code lifetime} from now (negative: expired that
     * long ago, well past the verifiers' 30 s clock skew).
     */
    private static String signedByAuth(Duration lifetime) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant issued = lifetime.isNegative() ? now.plus(lifetime).minus(Duration.ofMinutes(15)) : now;
        AccessClaims claims = new AccessClaims("meshmall-auth", "meshmall", customer.id(), List.of("customer"),
                issued, now.plus(lifetime), UUID.randomUUID().toString());
        return new JwtSigner().sign(claims, stack.authApp.keyRing().signingKey());
    }
}
