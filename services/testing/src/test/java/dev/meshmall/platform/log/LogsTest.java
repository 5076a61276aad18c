package dev.meshmall.platform.log;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import dev.meshmall.platform.config.ServiceConfig;

import io.helidon.config.Config;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

class LogsTest {
    private static final Logger ACCESS = Logger.getLogger(Logs.ACCESS_LOGGER);
    private static final Logger OTHER = Logger.getLogger(LogsTest.class.getName());

    @Test
    void theAccessLogIsOffUntilTheMountedFileTurnsItOnAndOffAgainWithoutARestart() throws Exception {
        Path file = Files.createTempFile("logs-", ".yaml");
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Files.writeString(file, "log:\n  level: INFO\n");
            Config config = ServiceConfig.load(LogsTest.class, Map.of(), Optional.of(file));
            Logs.setUp("test", config);

            ACCESS.info("GET /first 200 1ms");
            OTHER.info("an ordinary line");
            assertThat(printed.toString(StandardCharsets.UTF_8), not(containsString("GET /first")));
            assertThat(printed.toString(StandardCharsets.UTF_8), containsString("an ordinary line"));

            Files.writeString(file, "log:\n  level: INFO\n  access: true\n");
            assertThat("turned on", accessLoggedOnceSettled(printed, true), is(true));
            assertThat(printed.toString(StandardCharsets.UTF_8), containsString("GET /api/v1/products/42 200 1ms"));

            Files.writeString(file, "log:\n  level: INFO\n  access: false\n");
            assertThat("turned off", accessLoggedOnceSettled(printed, false), is(false));
            OTHER.info("still logging");
            assertThat(printed.toString(StandardCharsets.UTF_8), containsString("still logging"));
        } finally {
            System.setOut(stdout);
            LogManager.getLogManager().reset();
            Files.deleteIfExists(file);
        }
    }

    /** Logs an access line every 100 ms for up to 10 s until whether it is printed is {@code wanted}; answers the last. */
    private static boolean accessLoggedOnceSettled(ByteArrayOutputStream printed, boolean wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean shown;
        do {
            int before = printed.size();
            ACCESS.info("GET /api/v1/products/42 200 1ms");
            shown = printed.size() > before;
            if (shown == wanted) {
                return shown;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return shown;
    }
}
