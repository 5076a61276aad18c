package dev.meshmall.product;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.auth.AuthApp;
import dev.meshmall.platform.RunningService;
import dev.meshmall.platform.http.Json;
import dev.meshmall.proto.auth.v1.AuthServiceGrpc;
import dev.meshmall.proto.auth.v1.IssueTokensRequest;
import dev.meshmall.proto.product.v1.ProductServiceGrpc;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestServices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;

/**
 * The real auth and product services on one fresh database, as in production: product checks every token
 * against auth's JWKS, and the tokens come from auth's IssueTokens. The tests talk to product over HTTP,
 * gRPC and SQL.
 */
final class ProductStack implements AutoCloseable {
    final Map<String, String> database;
    final RunningService auth;
    final RunningService product;
    final Http1Client http;
    final ManagedChannel productChannel;
    final ManagedChannel authChannel;
    final String merchant;
    final String admin;
    final String customer;

    private ProductStack(Map<String, String> database, RunningService auth, RunningService product) {
        this.database = database;
        this.auth = auth;
        this.product = product;
        this.http = TestServices.http(product);
        this.productChannel = TestServices.grpc(product);
        this.authChannel = TestServices.grpc(auth);
        this.merchant = token("merchant");
        this.admin = token("admin");
        this.customer = token("customer");
    }

    /** Auth and product on a new database. */
    static ProductStack start() {
        Map<String, String> database = TestDatabase.newDatabase();
        Map<String, String> authSettings = new HashMap<>(database);
        authSettings.put("services.user.grpc", "127.0.0.1:" + TestServices.freePort());
        RunningService auth = TestServices.start(new AuthApp(), authSettings);
        Map<String, String> settings = new HashMap<>(database);
        settings.put("jwt.jwks", "http://127.0.0.1:" + auth.httpPort() + "/.well-known/jwks.json");
        RunningService product = TestServices.start(new ProductApp(), settings);
        return new ProductStack(database, auth, product);
    }

    @Override
    public void close() {
        productChannel.shutdownNow();
        authChannel.shutdownNow();
        product.close();
        auth.close();
    }

    /** An access token of a new user with these roles, from the real auth service. */
    String token(String... roles) {
        return AuthServiceGrpc.newBlockingStub(authChannel).issueTokens(IssueTokensRequest.newBuilder()
                .setUserId(UUID.randomUUID().toString())
                .addAllRoles(List.of(roles))
                .build()).getAccessToken();
    }

    // ---- REST

    Reply get(String path) {
        return send(Method.GET, path, Optional.empty(), Optional.empty());
    }

    Reply get(String path, String token) {
        return send(Method.GET, path, Optional.empty(), Optional.of(token));
    }

    Reply post(String path, String json, String token) {
        return send(Method.POST, path, Optional.of(json), Optional.of(token));
    }

    Reply postAnonymously(String path, String json) {
        return send(Method.POST, path, Optional.of(json), Optional.empty());
    }

    Reply put(String path, String json, String token) {
        return send(Method.PUT, path, Optional.of(json), Optional.of(token));
    }

    Reply delete(String path, String token) {
        return send(Method.DELETE, path, Optional.empty(), Optional.of(token));
    }

    Reply send(Method method, String path, Optional<String> json, Optional<String> token) {
        int query = path.indexOf('?');
        var request = http.method(method).uri(query < 0 ? path : path.substring(0, query));
        if (query >= 0) {
            for (String pair : path.substring(query + 1).split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.queryParam(nameValue[0], URLDecoder.decode(nameValue.length > 1 ? nameValue[1] : "",
                        StandardCharsets.UTF_8));
            }
        }
        token.ifPresent(t -> request.header(HeaderNames.AUTHORIZATION, "Bearer " + t));
        try (HttpClientResponse res = json.isPresent()
                ? request.header(HeaderNames.CONTENT_TYPE, "application/json").submit(json.get())
                : request.request()) {
            Map<String, String> headers = new HashMap<>();
            res.headers().forEach(h -> headers.put(h.name().toLowerCase(), h.get()));
            String body = res.entity().hasEntity() ? res.as(String.class) : "";
            return new Reply(res.status().code(), headers, body);
        }
    }

    // ---- the catalog, through the public API

    /** Creates a product as a merchant and answers it. */
    JsonNode create(String name, String description, long amount, int stock, String... categories) {
        Reply reply = post("/api/v1/products", product(name, description, amount, stock, categories), merchant);
        if (reply.status() != 201) {
            throw new AssertionError("creating " + name + " failed: " + reply);
        }
        return reply.json();
    }

    String createId(String name, int stock) {
        return create(name, "", 1000, stock).get("id").asText();
    }

    static String product(String name, String description, long amount, int stock, String... categories) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("name", name);
        body.put("description", description);
        body.put("picture_url", "https://picsum.photos/seed/" + UUID.randomUUID() + "/640/480");
        body.putObject("price").put("amount", amount).put("currency", "USD");
        ArrayNode list = body.putArray("categories");
        for (String category : categories) {
            list.add(category);
        }
        body.put("stock", stock);
        return body.toString();
    }

    // ---- gRPC

    ProductServiceGrpc.ProductServiceBlockingStub grpc() {
        return ProductServiceGrpc.newBlockingStub(productChannel);
    }

    ProductServiceGrpc.ProductServiceBlockingStub grpc(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return grpc().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    // ---- the database, to check what was (not) stored

    long count(String sql, Object... params) {
        return Long.parseLong(rows(sql, params).getFirst().getFirst());
    }

    int stockOf(String productId) {
        return (int) count("SELECT stock FROM catalog.products WHERE id = CAST(? AS uuid)", productId);
    }

    /** Every row of the catalog schema, each as Postgres's text form: what a refused request leaves as it was. */
    List<String> everyStoredRow() {
        List<String> rows = new ArrayList<>();
        for (String table : List.of("categories", "products", "product_categories", "reservations",
                "reservation_items")) {
            rows("SELECT CAST(t AS text) FROM catalog." + table + " t ORDER BY 1").forEach(row -> rows.add(row.getFirst()));
        }
        return rows;
    }

    /** Runs SQL on the services' database; answers the rows of a query (as text), or the update count. */
    List<List<String>> rows(String sql, Object... params) {
        return TestDatabase.rows(database, sql, params);
    }

    record Reply(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            return ProductStack.json(body);
        }

        String code() {
            return json().path("code").asText();
        }

        String field() {
            return json().path("field").asText();
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase()));
        }
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }
}
