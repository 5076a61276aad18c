package dev.meshmall.checkout;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.meshmall.platform.ServiceLauncher;
import dev.meshmall.testing.TestServices;

/**
 * Checkout in a JVM of its own, started as the devstack starts a service: the checkout module's classes and
 * runtime class path (listed by the build in {@code target/checkout.classpath}) with its {@link Main}, the
 * configuration in environment variables ({@code SERVER_PORT}, {@code GRPC_PORT}, {@code DB_CONNECTION_*},
 * {@code JWT_JWKS}, {@code SERVICES_<PEER>_GRPC}) and checkout's own settings as system properties. What it
 * writes goes to a file under {@code target/checkout-processes}.
 */
final class CheckoutProcess implements AutoCloseable {
    /** 128 + 9: how a JVM ended by SIGKILL reports its exit. */
    static final int KILLED = 137;
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final Process process;
    private final int httpPort;
    private final int grpcPort;
    private final Path log;

    private CheckoutProcess(Process process, int httpPort, int grpcPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.log = log;
    }

    /**
     * Starts checkout with {@code environment} and {@code properties} on free ports and returns once it is
     * healthy. A port chosen here can be taken before checkout binds it: then it starts again on others.
     */
    static CheckoutProcess start(Map<String, String> environment, Map<String, String> properties) {
        for (int attempt = 1; ; attempt++) {
            CheckoutProcess checkout = launch(environment, properties);
            if (checkout.awaitHealthy()) {
                return checkout;
            }
            checkout.close();
            if (attempt == 3) {
                throw new IllegalStateException("checkout did not start; its last lines:\n" + checkout.tail());
            }
        }
    }

    private static CheckoutProcess launch(Map<String, String> environment, Map<String, String> properties) {
        int httpPort = TestServices.freePort();
        int grpcPort = TestServices.freePort();
        while (grpcPort == httpPort) {
            grpcPort = TestServices.freePort();
        }
        Path classes = classes();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms32m", "-Xmx160m",
                // what the devstack gives a service, and only the first JIT tier: these JVMs live seconds
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (Runtime.version().feature() >= 24) {
            command.addAll(List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
        }
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", classes + File.pathSeparator + runtimeClassPath(classes),
                Main.class.getName()));
        Path log = classes.getParent().resolve("checkout-processes").resolve("checkout-" + STARTED.incrementAndGet()
                + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_HOST", "127.0.0.1");
        builder.environment().put("SERVER_PORT", Integer.toString(httpPort));
        builder.environment().put("GRPC_PORT", Integer.toString(grpcPort));
        // a checkout left behind by a test JVM that died goes with it
        builder.environment().put(ServiceLauncher.PARENT_PID_VARIABLE, Long.toString(ProcessHandle.current().pid()));
        try {
            Files.createDirectories(log.getParent());
            return new CheckoutProcess(builder.start(), httpPort, grpcPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start checkout", e);
        }
    }

    int httpPort() {
        return httpPort;
    }

    int grpcPort() {
        return grpcPort;
    }

    /**
     * SIGKILL ({@link Process#destroyForcibly()} on Linux): the JVM ends at once, with no shutdown hook, no
     * graceful stop, nothing flushed. Answers its exit status once it is gone.
     */
    int kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("checkout " + process.pid() + " outlived its SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** SIGTERM, as a pod is stopped, so that checkout stops gracefully and its log is complete; SIGKILL if it hangs. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    /** Whether checkout answers {@code /observe/health} before {@link #STARTUP} passes; false if it exits. */
    private boolean awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/observe/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                int status = http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        return false;
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(" + log + " cannot be read: " + e + ")";
        }
    }

    /** Where the build put checkout's classes ({@code target/classes}), beside its {@code application.yaml}. */
    private static Path classes() {
        try {
            return Path.of(CheckoutApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The module's runtime dependencies, as the build's dependency:build-classpath wrote them. */
    private static String runtimeClassPath(Path classes) {
        Path file = classes.getParent().resolve("checkout.classpath");
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is missing: build the module with Maven (generate-test-resources)"
                    + " first", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
