package dev.meshmall.user;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.meshmall.auth.biz.AccessClaims;
import dev.meshmall.auth.data.JwtSigner;
import dev.meshmall.proto.user.v1.GetUserRequest;
import dev.meshmall.user.UserStack.Customer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
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
        String kid = Jwts.header(customer.token()).get("kid").asText();
        ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).generate();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("meshmall-auth").audience("meshmall")
                .subject(customer.id()).claim("roles", List.of("admin")).issueTime(Date.from(now))
                .notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(), claims);
        jwt.sign(new ECDSASigner(impostor));

        assertThat(stack.get("/api/v1/users/me", jwt.serialize()).status(), is(401));
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
