package dev.meshmall.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo catalog of {@code demo-catalog.json}, loaded on the stack's first start through the entry port as a
 * merchant would: the bootstrap admin logs in and creates each product with {@code POST /api/v1/products}. A
 * catalog that already has products is left alone, so a restart never duplicates it.
 */
final class DemoCatalog {
    static final String RESOURCE = "demo-catalog.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI entry;
    private final AdminAccount admin;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    DemoCatalog(int entryPort, AdminAccount admin) {
        this.entry = URI.create("http://127.0.0.1:" + entryPort);
        this.admin = admin;
    }

    /**
     * Loads the catalog if the stack has a product service and no products yet; answers the line to print.
     * Never throws: the stack is useful without demo data, so a failure is reported, not fatal.
     */
    String loadIfEmpty(Topology topology) {
        if (topology.services().stream().noneMatch(service -> service.name().equals("product"))) {
            return "demo catalog: skipped (no product service in " + Topology.RESOURCE + ")";
        }
        try {
            if (productCount() > 0) {
                return "demo catalog: already there";
            }
            List<JsonNode> products = products();
            String token = adminToken();
            for (JsonNode product : products) {
                HttpResponse<String> created = send(request("/api/v1/products")
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(product))));
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("creating " + product.path("name").asText() + " answered "
                            + created.statusCode() + ": " + created.body());
                }
            }
            return "demo catalog: " + products.size() + " products loaded";
        } catch (IOException | RuntimeException e) {
            return "demo catalog: not loaded: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "demo catalog: not loaded: interrupted";
        }
    }

    static List<JsonNode> products() {
        try (InputStream in = DemoCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            List<JsonNode> products = new ArrayList<>();
            JSON.readTree(in).path("products").forEach(products::add);
            return products;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private long productCount() throws IOException, InterruptedException {
        HttpResponse<String> page = send(request("/api/v1/products?size=1").GET());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/products answered " + page.statusCode());
        }
        return JSON.readTree(page.body()).path("total").asLong();
    }

    private String adminToken() throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("email", admin.email(), "password", admin.password()));
        HttpResponse<String> login = send(request("/api/v1/auth/login")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (login.statusCode() != 200) {
            throw new IllegalStateException("the admin " + admin.email() + " cannot log in (" + login.statusCode()
                    + ")");
        }
        return JSON.readTree(login.body()).path("access_token").asText();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(entry.resolve(path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
