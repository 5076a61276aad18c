package dev.meshmall.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.ClientRequestHeaders;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The entry port: forwards each request to the service its path routes to, as the mesh ingress does, byte
 * for byte (raw path and query, body and response streamed), minus the hop-by-hop headers. ({@code Expect} is
 * among those: the entry port answers {@code 100-continue} itself.)
 */
final class IngressProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "expect");
    private static final String PROBLEM_TYPES = "https://meshmall.dev/problems/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SMALL_BODY = 64 * 1024;

    private final Topology topology;
    // without TCP_NODELAY a request sent in pieces (headers, then the body) waits on the peer's delayed ACK:
    // about 40 ms on every POST
    private final Http1Client client = Http1Client.builder()
            .socketOptions(options -> options.tcpNoDelay(true))
            .build();
    private final WebServer server;

    private IngressProxy(int port, Topology topology) {
        this.topology = topology;
        this.server = WebServer.builder()
                .host(DevStack.LOOPBACK)
                .port(port)
                .connectionOptions(options -> options.tcpNoDelay(true))
                .featuresDiscoverServices(false)
                .shutdownHook(false)
                .routing(routing -> routing.any(this::forward))
                .build()
                .start();
    }

    static IngressProxy start(int port, Topology topology) {
        return new IngressProxy(port, topology);
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
        client.closeResource();
    }

    private void forward(ServerRequest req, ServerResponse res) throws IOException {
        String path = req.path().path();
        Optional<ServiceSpec> target = topology.serviceFor(path);
        if (target.isEmpty()) {
            sendProblem(res, Status.NOT_FOUND_404, "no_route", "no service serves " + path);
            return;
        }
        ServiceSpec service = target.get();
        Http1ClientResponse upstream;
        try {
            upstream = send(req, service);
        } catch (UncheckedIOException e) {
            sendProblem(res, Status.BAD_GATEWAY_502, "service_unavailable",
                    service.name() + " does not answer on " + service.httpAddress());
            return;
        }
        try (upstream) {
            copyBack(req, upstream, res);
        }
    }

    private Http1ClientResponse send(ServerRequest req, ServiceSpec service) throws IOException {
        String query = req.query().rawValue();
        Http1ClientRequest request = client.method(req.prologue().method())
                .uri("http://" + service.httpAddress())
                // as a raw string: a java.net.URI would hand the client the decoded path
                .path(req.path().rawPath() + (query.isEmpty() ? "" : "?" + query))
                .skipUriEncoding(true)
                .followRedirects(false)
                .headers(headers -> forwardHeaders(req, headers));
        if (!req.content().hasEntity()) {
            return request.request();
        }
        if (small(req.headers())) {
            return request.submit(req.content().inputStream().readAllBytes());
        }
        return request.outputStream(body -> {
            try (InputStream in = req.content().inputStream(); body) {
                in.transferTo(body);
            }
        });
    }

    private static void forwardHeaders(ServerRequest req, ClientRequestHeaders headers) {
        Set<String> skipped = hopByHop(req.headers());
        for (Header header : req.headers()) {
            if (!skipped.contains(header.name().toLowerCase(Locale.ROOT))) {
                headers.set(header);
            }
        }
        String client = req.remotePeer().host();
        headers.set(HeaderNames.X_FORWARDED_FOR, req.headers().first(HeaderNames.X_FORWARDED_FOR)
                .map(earlier -> earlier + ", " + client)
                .orElse(client));
        if (!headers.contains(HeaderNames.X_FORWARDED_PROTO)) {
            headers.set(HeaderNames.X_FORWARDED_PROTO, req.isSecure() ? "https" : "http");
        }
    }

    private static void copyBack(ServerRequest req, Http1ClientResponse upstream, ServerResponse res)
            throws IOException {
        res.status(upstream.status());
        Set<String> skipped = hopByHop(upstream.headers());
        for (Header header : upstream.headers()) {
            if (!skipped.contains(header.name().toLowerCase(Locale.ROOT))) {
                res.header(header);
            }
        }
        if (hasNoBody(req.prologue().method(), upstream.status())) {
            res.send();
            return;
        }
        if (small(upstream.headers())) {
            // one write for a body of known small length, where streaming flushes each chunk
            try (InputStream in = upstream.inputStream()) {
                res.send(in.readAllBytes());
            }
            return;
        }
        byte[] chunk = new byte[8192];
        try (InputStream in = upstream.inputStream(); OutputStream out = res.outputStream()) {
            // transferTo would hold a streamed response back until its end
            for (int read = in.read(chunk); read != -1; read = in.read(chunk)) {
                out.write(chunk, 0, read);
                out.flush();
            }
        }
    }

    private static boolean small(Headers headers) {
        return headers.contentLength().orElse(Long.MAX_VALUE) <= SMALL_BODY;
    }

    private static boolean hasNoBody(Method method, Status status) {
        return method == Method.HEAD || status.code() == 204 || status.code() == 304 || status.code() < 200;
    }

    /** The standard hop-by-hop headers and those the {@code Connection} header names. */
    private static Set<String> hopByHop(Headers headers) {
        Set<String> names = new HashSet<>(HOP_BY_HOP);
        headers.first(HeaderNames.CONNECTION).ifPresent(connection -> {
            for (String name : connection.split(",")) {
                names.add(name.trim().toLowerCase(Locale.ROOT));
            }
        });
        return names;
    }

    private static void sendProblem(ServerResponse res, Status status, String code, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", PROBLEM_TYPES + code.replace('_', '-'));
        problem.put("title", status.reasonPhrase());
        problem.put("status", status.code());
        problem.put("detail", detail);
        problem.put("code", code);
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
        try {
            res.send(JSON.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
