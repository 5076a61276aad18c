package dev.meshmall.platform.identity;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.testing.TestKeys;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A service that cannot reach auth cannot check a token whose key it does not hold: that is a failure to retry,
 * not a forged token. (A payment restarted while auth was down refused every charge as UNAUTHENTICATED, and
 * checkout cancelled the orders as if the cards had been refused: found by the fault run.)
 */
class RemoteJwksTest {
    private final TestKeys signer = new TestKeys();
    private final String keyId = keyIdOf(signer.token("0b6a4b52-8f33-4d7c-9f0e-3f7a1c2d4e5f", List.of("customer")));
    private HttpServer auth;

    @AfterEach
    void stopAuth() {
        if (auth != null) {
            auth.stop(0);
        }
    }

    @Test
    void aKeyAskedForWhileAuthCannotBeReachedIsUnavailableNotUnknown() throws IOException {
        RemoteJwks jwks = jwks("http://127.0.0.1:" + closedPort() + "/.well-known/jwks.json");

        DomainError error = assertThrows(DomainError.class, () -> jwks.find(keyId));

        assertThat(error.kind(), is(ErrorKind.UNAVAILABLE));
    }

    @Test
    void aTokenCheckedWhileAuthCannotBeReachedIsUnavailable() throws IOException {
        TokenVerifier verifier = new TokenVerifier(jwks("http://127.0.0.1:" + closedPort() + "/jwks"),
                () -> TestKeys.ISSUER, () -> TestKeys.AUDIENCE, Clock.systemUTC());

        DomainError error = assertThrows(DomainError.class,
                () -> verifier.verify(signer.token("0b6a4b52-8f33-4d7c-9f0e-3f7a1c2d4e5f", List.of("customer"))));

        assertThat(error.kind(), is(ErrorKind.UNAVAILABLE));
    }

    @Test
    void aKeyAReachableAuthDoesNotPublishIsUnknown() throws IOException {
        RemoteJwks jwks = jwks(serve(new JWKSet().toString()));

        assertThat(jwks.find(keyId).isPresent(), is(false));
    }

    @Test
    void aKeyFetchedOnceIsStillFoundWhileAuthIsDown() throws IOException {
        // refetched at every use: each one after the stop fails
        String url = serve(new JWKSet(signer.find(keyId).orElseThrow()).toString());
        RemoteJwks jwks = new RemoteJwks(() -> url, Duration.ZERO, Duration.ZERO, Clock.systemUTC());
        assertThat(jwks.find(keyId).isPresent(), is(true));

        auth.stop(0);
        auth = null;

        assertThat(jwks.find(keyId).isPresent(), is(true));
    }

    private static RemoteJwks jwks(String url) {
        return new RemoteJwks(() -> url, Duration.ofMinutes(5), Duration.ZERO, Clock.systemUTC());
    }

    private String serve(String body) throws IOException {
        auth = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        auth.createContext("/.well-known/jwks.json", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        auth.start();
        return "http://127.0.0.1:" + auth.getAddress().getPort() + "/.well-known/jwks.json";
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String keyIdOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
