package dev.meshmall.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** The entry port alone, in front of an upstream that tells what reached it. */
class IngressProxyTest {
    private static final CountDownLatch FIRST_CHUNK_READ = new CountDownLatch(1);

    private static WebServer upstream;
    private static IngressProxy proxy;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        upstream = WebServer.builder()
                .port(0)
                .featuresDiscoverServices(false)
                .shutdownHook(false)
                .routing(routing -> routing
                        .get("/api/stream", IngressProxyTest::stream)
                        .any("/api/nothing", (req, res) -> res.status(Status.NO_CONTENT_204).send())
                        .any(IngressProxyTest::echo))
                .build()
                .start();
        Topology topology = new Topology(
                List.of(new ServiceSpec("echo", upstream.port(), 0), new ServiceSpec("down", closedPort(), 0)),
                List.of(new Route("/api/", "echo"), new Route("/api/down", "down")));
        proxy = IngressProxy.start(0, topology);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.stop();
    }

    @Test
    void theRawPathAndQueryReachTheServiceUnchanged() throws Exception {
        String target = "/api/users/a%2Fb/%E2%82%AC?q=a%20b&x=%2F&y=+";
        HttpResponse<String> response = send(HttpRequest.newBuilder(entry(target))
                .header("x-request-id", "req-1")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

        assertThat(response.statusCode() + " " + response.body(), is("""
                200 GET /api/users/a%2Fb/%E2%82%AC
                query q=a%20b&x=%2F&y=+
                body 0
                x-request-id req-1
                traceparent 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01
                x-forwarded-for 127.0.0.1
                x-forwarded-proto http
                """));
    }

    @Test
    void aBodyIsForwardedWhole() throws Exception {
        String body = "x".repeat(100_000);
        HttpResponse<String> response = send(HttpRequest.newBuilder(entry("/api/things"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.body(), containsString("POST /api/things\n"));
        assertThat(response.body(), containsString("body 100000\n"));
    }

    @Test
    void aNoContentAnswerHasNoBody() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(entry("/api/nothing")).DELETE());

        assertThat(response.statusCode(), is(204));
        assertThat(response.body(), is(""));
    }

    @Test
    void aHeadAnswerHasTheHeadersOfAGet() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(entry("/api/things"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode(), is(200));
        assertThat(response.body(), is(""));
        assertThat(response.headers().firstValue("x-echo").orElse(""), is("yes"));
    }

    @Test
    void aStreamedAnswerArrivesChunkByChunk() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(entry("/api/stream")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));

        String first = CompletableFuture.supplyAsync(() -> readLine(lines)).get(5, TimeUnit.SECONDS);
        FIRST_CHUNK_READ.countDown();

        assertThat(first, is("first"));
        assertThat(readLine(lines), is("second"));
    }

    @Test
    void anUnknownPathIsANoRouteProblem() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(entry("/nowhere")));

        assertThat(response.statusCode(), is(404));
        assertThat(response.headers().firstValue("content-type").orElse(""), is("application/problem+json"));
        assertThat(response.body(), containsString("\"code\":\"no_route\""));
    }

    @Test
    void aServiceThatDoesNotAnswerIsABadGateway() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(entry("/api/down/x")));

        assertThat(response.statusCode(), is(502));
        assertThat(response.headers().firstValue("content-type").orElse(""), is("application/problem+json"));
        assertThat(response.body(), containsString("\"status\":502"));
    }

    private static void echo(ServerRequest req, ServerResponse res) throws IOException {
        long length;
        try (InputStream body = req.content().inputStream()) {
            length = body.transferTo(OutputStream.nullOutputStream());
        }
        String text = req.prologue().method().text() + " " + req.path().rawPath() + "\n"
                + "query " + req.query().rawValue() + "\n"
                + "body " + length + "\n"
                + header(req, "x-request-id")
                + header(req, "traceparent")
                + header(req, "x-forwarded-for")
                + header(req, "x-forwarded-proto");
        res.header("x-echo", "yes");
        res.send(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ServerRequest req, String name) {
        return req.headers().first(HeaderNames.create(name)).map(value -> name + " " + value + "\n").orElse("");
    }

    private static void stream(ServerRequest req, ServerResponse res) throws Exception {
        try (OutputStream out = res.outputStream()) {
            out.write("first\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            FIRST_CHUNK_READ.await(10, TimeUnit.SECONDS);
            out.write("second\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI entry(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + proxy.port() + pathAndQuery);
    }

    private static String readLine(BufferedReader lines) {
        try {
            return lines.readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
