package dev.meshmall.product;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.auth.AuthApp;
import dev.meshmall.auth.AuthTokens;
import dev.meshmall.platform.RunningService;
import dev.meshmall.platform.http.Json;
import dev.meshmall.proto.product.v1.ProductServiceGrpc;
import dev.meshmall.testing.Reply;
import dev.meshmall.testing.Rest;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestServices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.ManagedChannel;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;

/**
 * The real auth and product services on one fresh database, as in production: product checks every token
 * against auth's JWKS, and the tokens are signed with the running auth's own key. The tests talk to product over HTTP,
 * gRPC and SQL.
 */
final class ProductStack implements AutoCloseable {
    final Map<String, String> database;
    final AuthApp authApp;
    final RunningService auth;
    final RunningService product;
    final Http1Client http;
    final ManagedChannel productChannel;
    final ManagedChannel fromOrder;
    final ManagedChannel fromCart;
    final String merchant;
    final String admin;
    final String customer;

    private ProductStack(Map<String, String> database, AuthApp authApp, RunningService auth, RunningService product) {
        this.database = database;
        this.authApp = authApp;
        this.auth = auth;
        this.product = product;
        this.http = TestServices.http(product);
        this.productChannel = TestServices.grpc(product);
        this.fromOrder = TestServices.grpcAs(product, "order");
        this.fromCart = TestServices.grpcAs(product, "cart");
        this.merchant = token("merchant");
        this.admin = token("admin");
        this.customer = token("customer");
    }

    /** Auth and product on a new database. */
    static ProductStack start() {
        return start(Map.of());
    }

    /** Auth and product on a new database, {@code productSettings} given to product. */
    static ProductStack start(Map<String, String> productSettings) {
        return startOn(TestDatabase.newDatabase(), productSettings);
    }

    /** Auth and product on {@code database}, a database of {@link TestDatabase#newDatabase()}. */
    static ProductStack startOn(Map<String, String> database, Map<String, String> productSettings) {
        Map<String, String> authSettings = new HashMap<>(database);
        authSettings.put("services.user.grpc", "127.0.0.1:" + TestServices.freePort());
        AuthApp authApp = new AuthApp();
        RunningService auth = TestServices.start(authApp, authSettings);
        Map<String, String> settings = new HashMap<>(database);
        settings.put("jwt.jwks", TestServices.jwks(auth));
        settings.putAll(productSettings);
        RunningService product = TestServices.start(new ProductApp(), settings);
        return new ProductStack(database, authApp, auth, product);
    }

    @Override
    public void close() {
        productChannel.shutdownNow();
        fromOrder.shutdownNow();
        fromCart.shutdownNow();
        product.close();
        auth.close();
    }

    /** An access token of a new user with these roles, signed with the running auth's own key. */
    String token(String... roles) {
        return AuthTokens.accessToken(authApp, UUID.randomUUID().toString(), roles);
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
        return Rest.send(http, method, path, json, token);
    }

    // ---- the catalog, through the public API

    /** Creates a product as a merchant and answers it. */
    JsonNode create(String name, String description, long amount, int stock, String... categories) {
        return post("/api/v1/products", product(name, description, amount, stock, categories), merchant)
                .expect(201).json();
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

    /** Product's gRPC API as the order service calls it: the stock of an order. */
    ProductServiceGrpc.ProductServiceBlockingStub asOrder() {
        return ProductServiceGrpc.newBlockingStub(fromOrder);
    }

    /** Product's gRPC API as the cart service calls it: the batch read of a cart's products. */
    ProductServiceGrpc.ProductServiceBlockingStub asCart() {
        return ProductServiceGrpc.newBlockingStub(fromCart);
    }

    ProductServiceGrpc.ProductServiceBlockingStub grpc() {
        return ProductServiceGrpc.newBlockingStub(productChannel);
    }

    ProductServiceGrpc.ProductServiceBlockingStub grpc(String token) {
        return TestServices.withToken(grpc(), token);
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
        return TestDatabase.everyRow(database, "catalog", "categories", "products", "product_categories",
                "reservations", "reservation_items");
    }

    /** Runs SQL on the services' database; answers the rows of a query (as text), or the update count. */
    List<List<String>> rows(String sql, Object... params) {
        return TestDatabase.rows(database, sql, params);
    }
}
