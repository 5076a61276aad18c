package dev.meshmall.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.meshmall.testing.LogCapture;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestKeys;
import dev.meshmall.testing.TestServices;

import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

class HotReloadTest {
    @TempDir
    Path dir;

    @Test
    void aRunningServiceAppliesAnEditOfItsMountedFile() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "greeting: hello from the file\nlog:\n  level: INFO\n");
        try (RunningService service = TestServices.start(new ProbeApp(new TestKeys()), TestDatabase.newDatabase(), Optional.of(file))) {
            Http1Client http = TestServices.http(service);
            assertThat(greeting(http), is("hello from the file"));

            Files.writeString(file, "greeting: changed without a restart\nlog:\n  level: WARNING\n");

            assertThat(eventually(() -> greeting(http), "changed without a restart"), is("changed without a restart"));
            assertThat(eventually(() -> Logger.getLogger("").getLevel().getName(), "WARNING"), is("WARNING"));
        } finally {
            Logger.getLogger("").setLevel(Level.INFO);
        }
    }

    @Test
    void anAppliedChangeIsLoggedByTheKeysItChangedNeverBySecretValues() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "greeting: before\nprobe:\n  api-key: first-hidden-value\n");
        try (LogCapture logs = new LogCapture();
             RunningService service = TestServices.start(new ProbeApp(new TestKeys()), TestDatabase.newDatabase(),
                     Optional.of(file))) {
            Http1Client http = TestServices.http(service);

            Files.writeString(file, "greeting: after\nprobe:\n  api-key: second-hidden-value\n");

            assertThat(eventually(() -> greeting(http), "after"), is("after"));
            String line = "configuration changed: greeting before -> after, probe.api-key (secret: value not shown)";
            assertThat(eventually(() -> logs.text().contains(line) ? line : logs.text(), line), is(line));
            assertThat(logs.text(), not(containsString("hidden-value")));
        }
    }

    @Test
    void theKubernetesConfigMapSwapIsSeenToo() throws IOException {
        // a mounted ConfigMap is a symlink ..data -> ..<timestamp>; an update swaps the link atomically
        Path first = Files.createDirectory(dir.resolve("..2026_01"));
        Files.writeString(first.resolve("config.yaml"), "greeting: first\n");
        Path data = Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Path file = Files.createSymbolicLink(dir.resolve("config.yaml"), Path.of("..data/config.yaml"));
        try (RunningService service = TestServices.start(new ProbeApp(new TestKeys()), TestDatabase.newDatabase(), Optional.of(file))) {
            Http1Client http = TestServices.http(service);
            assertThat(greeting(http), is("first"));

            Path second = Files.createDirectory(dir.resolve("..2026_02"));
            Files.writeString(second.resolve("config.yaml"), "greeting: second\n");
            Path next = Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
            Files.move(next, data, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            assertThat(eventually(() -> greeting(http), "second"), is("second"));
        }
    }

    private static String greeting(Http1Client http) {
        try (HttpClientResponse res = http.get("/api/v1/ping").request()) {
            return res.as(String.class);
        }
    }

    private static String eventually(Supplier<String> probe, String expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String seen = probe.get();
        while (!seen.equals(expected) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            seen = probe.get();
        }
        return seen;
    }
}
