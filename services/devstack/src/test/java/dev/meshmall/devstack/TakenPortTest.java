package dev.meshmall.devstack;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

class TakenPortTest {

    @Test
    void aTakenPortStopsTheStackBeforeAnythingStarts(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            Process devstack = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    DevStack.class.getName(),
                    "--port", Integer.toString(taken.getLocalPort()),
                    "--data-dir", dataDir.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(devstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(devstack.waitFor(30, TimeUnit.SECONDS), is(true));
            assertThat(output, devstack.exitValue(), is(1));
            assertThat(output,
                    containsString("devstack | port " + taken.getLocalPort() + " (entry) is already in use"));
            assertThat(Files.exists(dataDir.resolve("postgres")), is(false));
        }
    }
}
