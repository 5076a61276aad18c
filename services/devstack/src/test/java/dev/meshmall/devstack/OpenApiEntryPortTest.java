package dev.meshmall.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** {@code GET /openapi.yaml} on the entry port is the document the first service serves at {@code /openapi}. */
class OpenApiEntryPortTest {
    private static final String DOCUMENT = "openapi: 3.1.0\ninfo: {title: first, version: v1}\n";

    private static WebServer first;
    private static WebServer second;
    private static IngressProxy proxy;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        first = WebServer.builder()
                .port(0)
                .featuresDiscoverServices(false)
                .shutdownHook(false)
                .routing(routing -> routing
                        .get("/openapi", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "application/yaml")
                                .send(DOCUMENT))
                        .any((req, res) -> res.status(Status.I_AM_A_TEAPOT_418).send("first " + req.path().path())))
                .build()
                .start();
        second = WebServer.builder()
                .port(0)
                .featuresDiscoverServices(false)
                .shutdownHook(false)
                .routing(routing -> routing.any((req, res) -> res.send("second " + req.path().path())))
                .build()
                .start();
        Topology topology = new Topology(
                List.of(new ServiceSpec("first", first.port(), 0), new ServiceSpec("second", second.port(), 0)),
                List.of(new Route("/", "second")));
        proxy = IngressProxy.start(0, topology);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        first.stop();
        second.stop();
    }

    @Test
    void theEntryPortServesTheFirstServicesDocument() throws Exception {
        HttpResponse<String> response = get("GET", IngressProxy.OPENAPI_PATH);

        assertThat(response.statusCode(), is(200));
        assertThat(response.headers().firstValue("content-type").orElse(""), is("application/yaml"));
        assertThat(response.body(), is(DOCUMENT));
    }

    @Test
    void otherMethodsAndPathsRouteAsBefore() throws Exception {
        assertThat(get("POST", IngressProxy.OPENAPI_PATH).body(), is("second /openapi.yaml"));
        assertThat(get("GET", "/openapi").body(), is("second /openapi"));
        assertThat(get("GET", "/api/v1/products").body(), containsString("second /api/v1/products"));
    }

    private static HttpResponse<String> get(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
