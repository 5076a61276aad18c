package dev.meshmall.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class HotReloadTest {
    @Test
    void theAccessTokenLifetimeFollowsTheMountedFileWithoutARestart() throws Exception {
        Path file = Files.createTempFile("auth-", ".yaml");
        Files.writeString(file, "auth:\n  access-token-ttl: PT1M\n");
        try (TestAuth auth = TestAuth.start(TestAuth.freshSettings(), Optional.of(file))) {
            assertThat(auth.issue().getExpiresIn(), is(60L));

            Files.writeString(file, "auth:\n  access-token-ttl: PT2M\n");
            assertThat(expiresInOnceSettled(auth, 120L), is(120L));
            JsonNode payload = TestAuth.part(auth.issue().getAccessToken(), 1);
            assertThat(payload.get("exp").asLong() - payload.get("iat").asLong(), is(120L));

            Files.writeString(file, "auth:\n  access-token-ttl: soon\n");
            assertThat("a value that does not parse gives the default", expiresInOnceSettled(auth, 900L), is(900L));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Issues tokens for up to 10 s until one lives {@code expected} seconds; answers the last lifetime seen. */
    private static long expiresInOnceSettled(TestAuth auth, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long expiresIn = auth.issue().getExpiresIn();
        while (expiresIn != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            expiresIn = auth.issue().getExpiresIn();
        }
        return expiresIn;
    }
}
