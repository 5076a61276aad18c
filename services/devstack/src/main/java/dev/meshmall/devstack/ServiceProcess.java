package dev.meshmall.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/** A service running as its own JVM, every line it writes printed under its name. */
final class ServiceProcess {
    private static final Duration POLL = Duration.ofMillis(250);
    // A child writing to a pipe encodes with the platform's native encoding (JEP 400), not the default UTF-8.
    private static final Charset CHILD_OUTPUT = Charset.forName(System.getProperty("native.encoding"),
            Charset.defaultCharset());

    private final ServiceSpec spec;
    private final Process process;
    private final List<Thread> printers;

    private ServiceProcess(ServiceSpec spec, Process process, List<Thread> printers) {
        this.spec = spec;
        this.process = process;
        this.printers = printers;
    }

    static Path jar(Path repositoryRoot, ServiceSpec spec) {
        return repositoryRoot.resolve("services").resolve(spec.name()).resolve("target")
                .resolve("meshmall-" + spec.name() + ".jar");
    }

    static ServiceProcess start(ServiceSpec spec, Path repositoryRoot, Map<String, String> environment,
                                Console console) {
        Path jar = jar(repositoryRoot, spec);
        if (!Files.isRegularFile(jar)) {
            throw new StartFailure(jar + " is missing: run ./mvnw install first");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms32m", "-Xmx" + spec.maxHeap(),
                // what the JVM picks by itself in a container of a core or two: less memory than G1 beside the heap
                "-XX:+UseSerialGC"));
        if (Runtime.version().feature() >= 22) {
            // hands the C heap's freed memory (the compilers' arenas, above all) back to the system every few seconds
            command.add("-XX:TrimNativeHeapInterval=5000");
        }
        if (Runtime.version().feature() >= 25) {
            // 8-byte object headers (JEP 519): a smaller heap for the same objects
            command.add("-XX:+UseCompactObjectHeaders");
        }
        if (Runtime.version().feature() >= 24) {
            // gRPC's Netty uses sun.misc.Unsafe and loads a native library: from JDK 24 that is eight lines of
            // warnings at every start of every service
            command.addAll(List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repositoryRoot.toFile());
        // glibc gives each thread that mallocs at once an arena of its own and keeps what is freed in it: two are
        // enough for a JVM's few native allocators, and hold 10-20 MiB less resident memory a service here
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return new ServiceProcess(spec, process, List.of(
                    print(process.getInputStream(), spec.name(), console),
                    print(process.getErrorStream(), spec.name(), console)));
        } catch (IOException e) {
            throw new StartFailure("cannot start " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    ServiceSpec spec() {
        return spec;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void whenExited(IntConsumer action) {
        process.onExit().thenAccept(exited -> action.accept(exited.exitValue()));
    }

    /** Returns once {@code /observe/health} answers 2xx; throws if the service exits or {@code timeout} passes. */
    void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://" + spec.httpAddress() + "/observe/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                finishPrinting();
                throw new StartFailure(spec.name() + " exited with code " + process.exitValue()
                        + " before it was healthy — see its lines above");
            }
            if (isHealthy(http, health)) {
                return;
            }
            sleep(POLL);
        }
        throw new StartFailure(spec.name() + " was not healthy after " + timeout.toSeconds() + " s — see its lines"
                + " above");
    }

    private static boolean isHealthy(HttpClient http, HttpRequest health) {
        try {
            int status = http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure("interrupted while waiting for the services");
        }
    }

    /** So that a failure is reported after the service's last lines, not in the middle of them. */
    private void finishPrinting() {
        for (Thread printer : printers) {
            try {
                printer.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Thread print(InputStream output, String name, Console console) {
        return Thread.ofPlatform().daemon().name(name + "-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, CHILD_OUTPUT))) {
                lines.lines().forEach(line -> console.service(name, line));
            } catch (IOException | UncheckedIOException e) {
                // the process is gone; whatever it wrote has been printed
            }
        });
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure("interrupted while waiting for the services");
        }
    }
}
