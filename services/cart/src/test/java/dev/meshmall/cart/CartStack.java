package dev.meshmall.cart;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import dev.meshmall.auth.AuthApp;
import dev.meshmall.platform.RunningService;
import dev.meshmall.platform.http.Json;
import dev.meshmall.product.ProductApp;
import dev.meshmall.proto.auth.v1.AuthServiceGrpc;
import dev.meshmall.proto.auth.v1.IssueTokensRequest;
import dev.meshmall.proto.cart.v1.CartServiceGrpc;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestServices;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientResponse;
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
    final RunningService auth;
    final RunningService product;
    final RunningService cart;
    final Http1Client http;
    final Http1Client productHttp;
    final ManagedChannel cartChannel;
    private final ManagedChannel authChannel;
    private final String merchantToken;

    private CartStack(Map<String, String> database, RunningService auth, RunningService product, RunningService cart) {
        this.database = database;
        this.auth = auth;
        this.product = product;
        this.cart = cart;
        this.http = TestServices.http(cart);
        this.productHttp = TestServices.http(product);
        this.cartChannel = TestServices.grpc(cart);
        this.authChannel = TestServices.grpc(auth);
        this.merchantToken = token(UUID.randomUUID().toString(), "merchant");
    }

    static CartStack start() {
        Map<String, String> database = TestDatabase.newDatabase();
        Map<String, String> authSettings = new HashMap<>(database);
        authSettings.put("services.user.grpc", "127.0.0.1:" + TestServices.freePort());
        RunningService auth = TestServices.start(new AuthApp(), authSettings);

        Map<String, String> settings = new HashMap<>(database);
        settings.put("jwt.jwks", "http://127.0.0.1:" + auth.httpPort() + "/.well-known/jwks.json");
        RunningService product = TestServices.start(new ProductApp(), settings);
        settings.put("services.product.grpc", "127.0.0.1:" + product.grpcPort());
        RunningService cart = TestServices.start(new CartApp(), settings);
        return new CartStack(database, auth, product, cart);
    }

    @Override
    public void close() {
        cartChannel.shutdownNow();
        authChannel.shutdownNow();
        cart.close();
        product.close();
        auth.close();
    }

    // ---- people

    /** A shopper with a fresh account id and a real access token from auth. */
    Shopper newShopper() {
        String id = UUID.randomUUID().toString();
        return new Shopper(id, token(id, "customer"));
    }

    record Shopper(String id, String token) {
        UUID uuid() {
            return UUID.fromString(id);
        }
    }

    /** An access token issued by the auth service, as login would get one. */
    String token(String userId, String role) {
        return AuthServiceGrpc.newBlockingStub(authChannel)
                .issueTokens(IssueTokensRequest.newBuilder().setUserId(userId).addRoles(role).build())
                .getAccessToken();
    }

    // ---- the catalog, through product's REST API

    /** Creates a product on sale at {@code amount} minor units of {@code currency}; answers its id. */
    String newProduct(String name, long amount, String currency) {
        String body = """
                {"name":"%s","description":"for the cart tests","picture_url":"https://img.example.com/%s.png",
                 "price":{"amount":%d,"currency":"%s"},"categories":[],"stock":50}"""
                .formatted(name, name.replace(' ', '-'), amount, currency);
        Reply created = send(productHttp, Method.POST, "/api/v1/products", Optional.of(body), Optional.of(merchantToken),
                Map.of());
        if (created.status() != 201) {
            throw new AssertionError("creating a product failed: " + created);
        }
        return created.json().get("id").asText();
    }

    String newProduct() {
        return newProduct("Product " + UUID.randomUUID(), 1000, "USD");
    }

    void deleteProduct(String id) {
        Reply deleted = send(productHttp, Method.DELETE, "/api/v1/products/" + id, Optional.empty(),
                Optional.of(merchantToken), Map.of());
        if (deleted.status() != 204) {
            throw new AssertionError("deleting a product failed: " + deleted);
        }
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
        return send(http, Method.GET, path, Optional.empty(), Optional.of(token), headers);
    }

    Reply post(String path, String json, String token) {
        return send(http, Method.POST, path, Optional.of(json), Optional.of(token), Map.of());
    }

    Reply post(String path, String json, String token, Map<String, String> headers) {
        return send(http, Method.POST, path, Optional.of(json), Optional.of(token), headers);
    }

    Reply put(String path, String json, String token) {
        return send(http, Method.PUT, path, Optional.of(json), Optional.of(token), Map.of());
    }

    Reply delete(String path, String token) {
        return send(http, Method.DELETE, path, Optional.empty(), Optional.of(token), Map.of());
    }

    Reply delete(String path, String token, Map<String, String> headers) {
        return send(http, Method.DELETE, path, Optional.empty(), Optional.of(token), headers);
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
        Reply reply = get(CART, shopper.token());
        if (reply.status() != 200) {
            throw new AssertionError("reading the cart failed: " + reply);
        }
        return reply.json();
    }

    static Reply send(Http1Client client, Method method, String path, Optional<String> json, Optional<String> token,
                      Map<String, String> headers) {
        var request = client.method(method).uri(path);
        token.ifPresent(t -> request.header(HeaderNames.AUTHORIZATION, "Bearer " + t));
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        try (HttpClientResponse res = json.isPresent()
                ? request.header(HeaderNames.CONTENT_TYPE, "application/json").submit(json.get())
                : request.request()) {
            String body = res.entity().hasEntity() ? res.as(String.class) : "";
            return new Reply(res.status().code(), body);
        }
    }

    /** Answers the statuses of {@code calls} requests made at once, each on its own virtual thread. */
    static List<Integer> concurrently(int calls, IntFunction<Integer> call) throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            int n = i;
            tasks.add(() -> call.apply(n));
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Integer> status : pool.invokeAll(tasks)) {
                statuses.add(status.get());
            }
        }
        return statuses;
    }

    // ---- gRPC

    CartServiceGrpc.CartServiceBlockingStub cartGrpc(Shopper shopper) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + shopper.token());
        return CartServiceGrpc.newBlockingStub(cartChannel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
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

    record Reply(int status, String body) {
        JsonNode json() {
            return CartStack.json(body);
        }

        String code() {
            return json().path("code").asText();
        }

        String field() {
            return json().path("field").asText();
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
