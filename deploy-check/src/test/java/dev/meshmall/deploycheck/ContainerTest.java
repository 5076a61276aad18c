package dev.meshmall.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static dev.meshmall.deploycheck.Repo.at;
import static dev.meshmall.deploycheck.Repo.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image, offline: what the Dockerfile relies on (the jar layout, the user, the JVM sizing), and the container's
 * health check script against a real socket. compose/smoke-test.sh builds and runs the images themselves.
 */
class ContainerTest {
    private static final Path DOCKERFILE = Repo.ROOT.resolve("compose/Dockerfile");
    private static final Path HEALTHCHECK = Repo.ROOT.resolve("compose/healthcheck.sh");

    @Test
    void theImageIsBuiltFromTheJarLayoutOfEveryService() {
        String dockerfile = Repo.read(DOCKERFILE);
        assertTrue(dockerfile.contains("services/${SERVICE}/target/meshmall-${SERVICE}.jar"), "the jar it copies");
        assertTrue(dockerfile.contains("services/${SERVICE}/target/libs"), "the libs beside the jar");
        for (String service : Repo.services()) {
            String pom = Repo.read(Repo.ROOT.resolve("services").resolve(service).resolve("pom.xml"));
            assertTrue(pom.contains("<artifactId>meshmall-" + service + "</artifactId>"),
                    service + "'s jar is meshmall-" + service + ".jar (the parent's finalName is the artifactId)");
        }
        assertTrue(Pattern.compile("(?m)^FROM .* AS build$").matcher(dockerfile).find(), "multi-stage");
        assertTrue(dockerfile.contains("ARG SERVICE"));
        assertTrue(dockerfile.contains("-XX:MaxRAMPercentage="), "the JVM sizes itself from the container");
        assertTrue(dockerfile.contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/app.jar\"]"));
        assertTrue(dockerfile.contains("COPY --chown=root:root --chmod=0755 compose/healthcheck.sh /app/healthcheck"));
    }

    @Test
    void theBuildStageHasEveryModuleTheRootPomLists() {
        String dockerfile = Repo.read(DOCKERFILE);
        String buildStage = dockerfile.substring(dockerfile.indexOf(" AS build"), dockerfile.indexOf("\nFROM ", dockerfile.indexOf(" AS build")));
        List<String> sources = new java.util.ArrayList<>();
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(.+) \\S+$").matcher(buildStage);
        while (copy.find()) {
            sources.addAll(List.of(copy.group(1).trim().split("\\s+")));
        }
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Repo.read(Repo.ROOT.resolve("pom.xml")));
        int modules = 0;
        while (module.find()) {
            String path = module.group(1);
            assertTrue(sources.contains(".") || sources.stream().anyMatch(s -> path.startsWith(s)),
                    "Maven needs module " + path + " in the build stage; it copies " + sources);
            modules++;
        }
        assertTrue(modules >= 10);
        String ignored = Repo.read(Repo.ROOT.resolve(".dockerignore"));
        assertTrue(ignored.lines().noneMatch(l -> l.contains("pom.xml") || l.equals("services") || l.equals("proto")));
    }

    @Test
    void theImageRunsAsTheSameNonRootUserKubernetesExpectsAndNotAsTheSidecar() {
        String dockerfile = Repo.read(DOCKERFILE);
        Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(dockerfile);
        assertTrue(user.find(), "a numeric USER");
        int uid = Integer.parseInt(user.group(1));
        assertNotEquals(0, uid);
        assertNotEquals(1337, uid, "1337 is the Istio sidecar's uid");
        assertTrue(dockerfile.contains("--uid " + uid), "the user exists in the image");
        List<Map<String, Object>> docs = KustomizeTest.build("prod");
        for (String service : Repo.services()) {
            assertEquals(uid, at(named(docs, "Deployment", service), "spec", "template", "spec", "securityContext",
                    "runAsUser"), service);
        }
    }

    @Test
    void theHealthCheckPassesOnlyWhileHealthAnswers2xx() throws IOException {
        HttpServer up = serving(204);
        HttpServer down = serving(503);
        try {
            assertEquals(0, healthcheck(up.getAddress().getPort()), "204 from /observe/health is healthy");
            assertNotEquals(0, healthcheck(down.getAddress().getPort()), "503 is not");
        } finally {
            up.stop(0);
            down.stop(0);
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertNotEquals(0, healthcheck(closed), "nothing listening is not");
    }

    private static int healthcheck(int port) {
        Tools.Result result = Tools.run(Repo.ROOT, null, "env", "SERVER_PORT=" + port, "bash", HEALTHCHECK.toString());
        return result.exitCode();
    }

    /** A server answering {@code status} on /observe/health and 404 elsewhere. */
    private static HttpServer serving(int status) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                int code = exchange.getRequestURI().getPath().equals("/observe/health") ? status : 404;
                exchange.sendResponseHeaders(code, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
