package dev.meshmall.cart;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.auth.AuthApp;
import dev.meshmall.auth.AuthTokens;
import dev.meshmall.platform.RunningService;
import dev.meshmall.product.ProductApp;
import dev.meshmall.proto.cart.v1.CartServiceGrpc;
import dev.meshmall.testing.Reply;
import dev.meshmall.testing.Rest;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestServices;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;

/**
 * The real auth, product and cart services side by side on one fresh database, as in production: auth signs
 * the tokens every service checks against its JWKS, cart asks product whether a product is on sale and what it
 * costs. The tests talk to them over HTTP, gRPC and SQL; products are made through product's REST API by a
 * merchant.
 */
final class CartStack implements AutoCloseable {
    static final String CART = "/api/v1/cart";
    static final String ITEMS = "/api/v1/cart/items";

    final Map<String, String> database;
    final AuthApp authApp;
    final RunningService auth;
    final RunningService product;
    final RunningService cart;
    final Http1Client http;
    final Http1Client productHttp;
    final ManagedChannel cartChannel;
    private final String merchantToken;

    private CartStack(Map<String, String> database, AuthApp authApp, RunningService auth, RunningService product,
                      RunningService cart) {
        this.database = database;
        this.authApp = authApp;
        this.auth = auth;
        this.product = product;
        this.cart = cart;
        this.http = TestServices.http(cart);
        this.productHttp = TestServices.http(product);
        this.cartChannel = TestServices.grpc(cart);
        this.merchantToken = token(UUID.randomUUID().toString(), "merchant");
    }

    static CartStack start() {
        Map<String, String> database = TestDatabase.newDatabase();
        Map<String, String> authSettings = new HashMap<>(database);
        authSettings.put("services.user.grpc", "127.0.0.1:" + TestServices.freePort());
        AuthApp authApp = new AuthApp();
        RunningService auth = TestServices.start(authApp, authSettings);

        Map<String, String> settings = new HashMap<>(database);
        settings.put("jwt.jwks", TestServices.jwks(auth));
        RunningService product = TestServices.start(new ProductApp(), settings);
        settings.put("services.product.grpc", "127.0.0.1:" + product.grpcPort());
        RunningService cart = TestServices.start(new CartApp(), settings);
        return new CartStack(database, authApp, auth, product, cart);
    }

    @Override
    public void close() {
        cartChannel.shutdownNow();
        cart.close();
        product.close();
        auth.close();
    }

    // ---- people

    /** A shopper with a fresh account id and an access token signed by the running auth. */
    Shopper newShopper() {
        String id = UUID.randomUUID().toString();
        return new Shopper(id, token(id, "customer"));
    }

    record Shopper(String id, String token) {
        UUID uuid() {
            return UUID.fromString(id);
        }
    }

    /** An access token signed with the running auth's own key, as its login would sign one. */
    String token(String userId, String role) {
        return AuthTokens.accessToken(authApp, userId, role);
    }

    // ---- the catalog, through product's REST API

    /** Creates a product on sale at {@code amount} minor units of {@code currency}; answers its id. */
    String newProduct(String name, long amount, String currency) {
        String body = """
                {"name":"%s","description":"for the cart tests","picture_url":"https://img.example.com/%s.png",
                 "price":{"amount":%d,"currency":"%s"},"categories":[],"stock":50}"""
                .formatted(name, name.replace(' ', '-'), amount, currency);
        return Rest.send(productHttp, Method.POST, "/api/v1/products", Optional.of(body), Optional.of(merchantToken))
                .expect(201).json().get("id").asText();
    }

    String newProduct() {
        return newProduct("Product " + UUID.randomUUID(), 1000, "USD");
    }

    void deleteProduct(String id) {
        Rest.send(productHttp, Method.DELETE, "/api/v1/products/" + id, Optional.empty(), Optional.of(merchantToken))
                .expect(204);
    }

    /** {@code count} products on sale, made in one INSERT into the catalog: the set-up of the 100-line limit. */
    List<String> manyProducts(int count) {
        return rows("""
                INSERT INTO catalog.products (name, price_amount, currency, stock)
                SELECT 'Bulk product ' || g, 100, 'USD', 10 FROM generate_series(1, ?) g RETURNING id""", count)
                .stream().map(List::getFirst).toList();
    }

    // ---- REST

    Reply get(String path, String token) {
        return get(path, token, Map.of());
    }

    Reply get(String path, String token, Map<String, String> headers) {
        return Rest.send(http, Method.GET, path, Optional.empty(), Optional.of(token), headers);
    }

    Reply post(String path, String json, String token) {
        return Rest.send(http, Method.POST, path, Optional.of(json), Optional.of(token));
    }

    Reply post(String path, String json, String token, Map<String, String> headers) {
        return Rest.send(http, Method.POST, path, Optional.of(json), Optional.of(token), headers);
    }

    Reply put(String path, String json, String token) {
        return Rest.send(http, Method.PUT, path, Optional.of(json), Optional.of(token));
    }

    Reply delete(String path, String token) {
        return Rest.send(http, Method.DELETE, path, Optional.empty(), Optional.of(token));
    }

    Reply delete(String path, String token, Map<String, String> headers) {
        return Rest.send(http, Method.DELETE, path, Optional.empty(), Optional.of(token), headers);
    }

    /** {@code POST /api/v1/cart/items}. */
    Reply add(Shopper shopper, String productId, int quantity) {
        return post(ITEMS, item(productId, quantity), shopper.token());
    }

    static String item(String productId, int quantity) {
        return "{\"product_id\":\"" + productId + "\",\"quantity\":" + quantity + "}";
    }

    /** The shopper's cart over REST, failing the test unless it is answered. */
    JsonNode cartOf(Shopper shopper) {
        return get(CART, shopper.token()).expect(200).json();
    }

    // ---- gRPC

    CartServiceGrpc.CartServiceBlockingStub cartGrpc(Shopper shopper) {
        return TestServices.withToken(CartServiceGrpc.newBlockingStub(cartChannel), shopper.token());
    }

    CartServiceGrpc.CartServiceBlockingStub anonymousCartGrpc() {
        return CartServiceGrpc.newBlockingStub(cartChannel);
    }

    // ---- the database, to check what was (not) stored

    /** The shopper's stored cart: its row and every line, each as Postgres's text form of the whole row. */
    List<String> storedCart(Shopper shopper) {
        List<String> rows = new ArrayList<>();
        rows("SELECT CAST(c AS text) FROM cart.carts c WHERE user_id = ?", shopper.uuid())
                .forEach(row -> rows.add(row.getFirst()));
        rows("SELECT CAST(i AS text) FROM cart.items i WHERE user_id = ? ORDER BY product_id", shopper.uuid())
                .forEach(row -> rows.add(row.getFirst()));
        return rows;
    }

    long count(String sql, Object... params) {
        return Long.parseLong(rows(sql, params).getFirst().getFirst());
    }

    /** Runs SQL on the services' database; answers the rows (as text), or the update count. */
    List<List<String>> rows(String sql, Object... params) {
        return TestDatabase.rows(database, sql, params);
    }
}
