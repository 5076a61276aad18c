package dev.meshmall.platform.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /openapi}: the OpenAPI document of the whole REST API, the same file in every service (it lives in
 * the platform's jar), so whichever service a client reaches describes the system it is part of. Public.
 */
public final class OpenApiDocument implements HttpService {
    public static final String PATH = "/openapi";
    public static final String RESOURCE = "openapi/meshmall.yaml";
    public static final String MEDIA_TYPE = "application/yaml";

    private final byte[] document;

    public OpenApiDocument() {
        this.document = load();
    }

    /** The document's bytes, as served. */
    public static byte[] load() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::send);
    }

    private void send(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        res.header(HeaderValues.create(HeaderNames.CACHE_CONTROL, "public, max-age=300"));
        res.send(document);
    }
}
