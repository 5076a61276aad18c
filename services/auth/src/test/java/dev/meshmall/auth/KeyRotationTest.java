package dev.meshmall.auth;

import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import dev.meshmall.auth.biz.SigningKey;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyRotationTest {
    /** Keys sign as soon as they exist, so a rotation shows at once. */
    private static final Map<String, String> IMMEDIATE = Map.of("auth.signing.activation-delay", "PT0S");

    @Test
    void aRotationPublishesTheNewKeySignsWithItAndKeepsEarlierTokensValid() {
        try (TestAuth auth = TestAuth.start(settings(IMMEDIATE))) {
            String before = auth.issue().getAccessToken();
            String oldKid = kid(before);

            String newKid = auth.app.keyRing().rotate().kid();

            assertThat(auth.jwksKids(), contains(newKid, oldKid));
            assertThat(kid(auth.issue().getAccessToken()), is(newKid));
            assertThat(auth.logout(before), is(204));
        }
    }

    @Test
    void aNewKeyIsPublishedBeforeItSigns() {
        try (TestAuth auth = TestAuth.start(TestAuth.freshSettings())) {
            String oldKid = kid(auth.issue().getAccessToken());

            String newKid = auth.app.keyRing().rotate().kid();

            assertThat(auth.jwksKids(), contains(newKid, oldKid));
            assertThat("the default activation delay is five minutes", kid(auth.issue().getAccessToken()), is(oldKid));
        }
    }

    @Test
    void twoReplicasServeTheSameKeysAndAcceptEachOthersTokens() throws Exception {
        try (TestAuth first = TestAuth.start(settings(IMMEDIATE)); TestAuth second = first.replica(Map.of())) {
            assertThat(second.jwks(), is(first.jwks()));
            assertThat(second.logout(first.issue().getAccessToken()), is(204));
            assertThat(first.logout(second.issue().getAccessToken()), is(204));

            String newKid = first.app.keyRing().rotate().kid();
            String fromFirst = first.issue().getAccessToken();
            assertThat(kid(fromFirst), is(newKid));
            assertThat("an unknown kid makes the other replica reload", second.logout(fromFirst), is(204));
            eventually(() -> second.jwksKids().contains(newKid));
            eventually(() -> kid(second.issue().getAccessToken()).equals(newKid));
        }
    }

    @Test
    void replicasStartingTogetherOnAnEmptyDatabaseCreateOneKey() throws Exception {
        Map<String, String> settings = settings(IMMEDIATE);
        List<Callable<TestAuth>> starts = List.of(() -> TestAuth.start(settings), () -> TestAuth.start(settings));
        List<TestAuth> replicas = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (Future<TestAuth> started : threads.invokeAll(starts)) {
                replicas.add(started.get());
            }
        }
        try {
            assertThat(replicas.get(0).sql("SELECT count(*) FROM auth.signing_keys").orElseThrow(), is("1"));
            assertThat(replicas.get(1).jwks(), is(replicas.get(0).jwks()));
        } finally {
            replicas.forEach(TestAuth::close);
        }
    }

    @Test
    void anOldKeyIsReplacedAndRetiredOnceNoTokenItSignedCanLive() {
        try (TestAuth auth = TestAuth.start(settings(IMMEDIATE))) {
            String signedByOld = auth.issue().getAccessToken();
            String oldKid = kid(signedByOld);
            auth.sql("UPDATE auth.signing_keys SET created_at = now() - interval '31 days'");

            auth.app.keyRing().maintain();

            List<String> kids = auth.jwksKids();
            assertThat(kids.size(), is(2));
            String newKid = kids.getFirst();
            assertThat(newKid, not(oldKid));
            assertThat("the old key stays while its tokens may live", auth.logout(signedByOld), is(204));

            auth.sql("UPDATE auth.signing_keys SET created_at = now() - interval '17 minutes' WHERE kid = ?", newKid);
            auth.app.keyRing().maintain();

            assertThat(auth.jwksKids(), contains(newKid));
            assertThat(auth.logout(signedByOld), is(401));
            assertThat(auth.sql("SELECT retired_at IS NOT NULL FROM auth.signing_keys WHERE kid = ?", oldKid).orElseThrow(), is("t"));
        }
    }

    @Test
    void theScheduledUpkeepRotatesAnAgedKeyAndPurgesLongExpiredRefreshTokens() throws Exception {
        try (TestAuth auth = TestAuth.start(settings(Map.of("auth.signing.check-interval", "PT1S",
                "auth.signing.activation-delay", "PT0S")))) {
            String oldKid = kid(auth.issue().getAccessToken());
            auth.sql("UPDATE auth.refresh_tokens SET expires_at = now() - interval '8 days'");
            auth.issue();
            auth.sql("UPDATE auth.signing_keys SET created_at = now() - interval '31 days'");

            eventually(() -> auth.jwksKids().size() == 2);
            eventually(() -> auth.sql("SELECT count(*) FROM auth.refresh_tokens").orElseThrow().equals("1"));
            assertThat(kid(auth.issue().getAccessToken()), not(oldKid));
        }
    }

    @Test
    void privateKeysAreStoredEncrypted() {
        try (TestAuth auth = TestAuth.start(settings(IMMEDIATE))) {
            SigningKey key = auth.app.keyRing().signingKey();
            byte[] stored = java.util.HexFormat.of().parseHex(auth.sql(
                    "SELECT encode(private_key, 'hex') FROM auth.signing_keys WHERE kid = ?", key.kid()).orElseThrow());
            byte[] pkcs8 = key.privateKey().orElseThrow().getEncoded();
            assertThat(java.util.Arrays.equals(stored, pkcs8), is(false));
            assertThat(indexOf(stored, java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 16, pkcs8.length)), is(-1));
            assertThrows(Exception.class,
                    () -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(stored)));
        }
    }

    @Test
    void aNewKeySecretKeepsTheOldKeysVerifyingAndCreatesAKeyToSignWith() {
        try (TestAuth first = TestAuth.start(settings(IMMEDIATE))) {
            String beforeTheChange = first.issue().getAccessToken();
            try (TestAuth second = first.replica(Map.of("auth.signing.key-secret", "another-secret-of-at-least-32-characters"))) {
                String afterTheChange = second.issue().getAccessToken();

                assertThat(kid(afterTheChange), not(kid(beforeTheChange)));
                assertThat(second.jwksKids(), containsInAnyOrder(kid(beforeTheChange), kid(afterTheChange)));
                assertThat(second.logout(beforeTheChange), is(204));
                assertThat(first.logout(afterTheChange), is(204));
            }
        }
    }

    @Test
    void aShortKeySecretStopsTheStart() {
        Map<String, String> settings = settings(Map.of("auth.signing.key-secret", "short"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestAuth.start(settings));
        assertThat(e.getMessage().contains("at least 32 characters"), is(true));
    }

    @Test
    void switchingToRs256RotatesToAnRsaKey() {
        try (TestAuth first = TestAuth.start(settings(IMMEDIATE))) {
            String es256 = first.issue().getAccessToken();
            try (TestAuth second = first.replica(Map.of("auth.signing.algorithm", "RS256"))) {
                String rs256 = second.issue().getAccessToken();

                assertThat(TestAuth.part(rs256, 0).get("alg").asText(), is("RS256"));
                JsonNode rsa = TestAuth.json(second.jwks()).get("keys").get(0);
                assertThat(rsa.get("kty").asText(), is("RSA"));
                assertThat(rsa.get("e").asText(), is("AQAB"));
                assertThat(TestAuth.base64urlDecoded(rsa.get("n").asText()).length, is(256));
                assertTrue(TestAuth.signedByServedKey(rs256, second.jwks()));
                assertThat(first.logout(rs256), is(204));
                assertThat(second.logout(es256), is(204));
            }
        }
    }

    private static Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> settings = TestAuth.freshSettings();
        settings.putAll(extra);
        return settings;
    }

    private static String kid(String jwt) {
        return TestAuth.part(jwt, 0).get("kid").asText();
    }

    private static void eventually(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!condition.get()) {
            assertTrue(System.nanoTime() < deadline, "not true within 10 s");
            Thread.sleep(200);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
