package dev.meshmall.order;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.auth.AuthApp;
import dev.meshmall.auth.AuthTokens;
import dev.meshmall.platform.RunningService;
import dev.meshmall.platform.http.Json;
import dev.meshmall.product.ProductApp;
import dev.meshmall.proto.common.v1.Address;
import dev.meshmall.proto.common.v1.Money;
import dev.meshmall.proto.order.v1.Order;
import dev.meshmall.proto.order.v1.OrderServiceGrpc;
import dev.meshmall.proto.order.v1.PlaceOrderItem;
import dev.meshmall.proto.order.v1.PlaceOrderRequest;
import dev.meshmall.proto.product.v1.ProductServiceGrpc;
import dev.meshmall.proto.product.v1.UpdateProductRequest;
import dev.meshmall.testing.Reply;
import dev.meshmall.testing.Rest;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestServices;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.ManagedChannel;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;

/**
 * The real auth, product and order services on one fresh database, as in production: order reserves, releases
 * and commits stock and takes its prices through product's gRPC API, and every token is signed with the
 * running auth's own key and checked against auth's JWKS. Products are created through product's REST API by a merchant.
 * The tests talk to order over HTTP and gRPC, to product over HTTP, and read the database to check what was (not)
 * stored. Payment is not started here (payment's tests start order, and Maven allows no cycle): orders paid with a
 * payment that payment confirms, and refunded through it, are proved by payment's tests, which run all four.
 */
final class OrderStack implements AutoCloseable {
    /** The job's schedule is out of the way unless a test asks for it: tests run the job themselves. */
    static final Map<String, String> MANUAL_AUTO_CANCEL = Map.of("order.auto-cancel-interval", "PT1H");

    final Map<String, String> database;
    final RunningService auth;
    final RunningService product;
    final OrderApp orderApp;
    final RunningService order;
    final Http1Client http;
    final Http1Client productHttp;
    final ManagedChannel orderChannel;
    final AuthApp authApp;
    private final List<ManagedChannel> extraChannels = new java.util.concurrent.CopyOnWriteArrayList<>();
    final ManagedChannel productChannel;
    final String merchant;
    private final Map<String, String> orderSettings;

    private OrderStack(Map<String, String> database, AuthApp authApp, RunningService auth, RunningService product,
                       OrderApp orderApp, RunningService order, Map<String, String> orderSettings) {
        this.database = database;
        this.authApp = authApp;
        this.auth = auth;
        this.product = product;
        this.orderApp = orderApp;
        this.order = order;
        this.orderSettings = orderSettings;
        this.http = TestServices.http(order);
        this.productHttp = TestServices.http(product);
        this.orderChannel = TestServices.grpcAs(order, "checkout");
        this.productChannel = TestServices.grpcAs(product, "order");
        this.merchant = token("merchant");
    }

    static OrderStack start() {
        return start(Map.of(), Optional.empty());
    }

    /**
     * The three services on a new database; {@code orderSettings} go to order above its application.yaml. Order's
     * payment is an address where nothing listens: what needs payment is refused UNAVAILABLE.
     */
    static OrderStack start(Map<String, String> orderSettings, Optional<Path> orderConfigFile) {
        Map<String, String> database = TestDatabase.newDatabase();
        Map<String, String> authSettings = new HashMap<>(database);
        authSettings.put("services.user.grpc", "127.0.0.1:" + TestServices.freePort());
        AuthApp authApp = new AuthApp();
        RunningService auth = TestServices.start(authApp, authSettings);
        String jwks = TestServices.jwks(auth);

        Map<String, String> productSettings = new HashMap<>(database);
        productSettings.put("jwt.jwks", jwks);
        RunningService product = TestServices.start(new ProductApp(), productSettings);

        Map<String, String> settings = new HashMap<>(database);
        settings.put("jwt.jwks", jwks);
        settings.put("services.product.grpc", "127.0.0.1:" + product.grpcPort());
        settings.put("services.payment.grpc", "127.0.0.1:" + TestServices.freePort());
        settings.putAll(MANUAL_AUTO_CANCEL);
        settings.putAll(orderSettings);
        OrderApp orderApp = new OrderApp();
        RunningService order = TestServices.start(orderApp, settings, orderConfigFile);
        return new OrderStack(database, authApp, auth, product, orderApp, order, settings);
    }

    /** Another order replica on the same database and product, as a second pod would be. */
    Replica orderReplica() {
        OrderApp app = new OrderApp();
        return new Replica(app, TestServices.start(app, orderSettings));
    }

    record Replica(OrderApp app, RunningService service) implements AutoCloseable {
        @Override
        public void close() {
            service.close();
        }
    }

    @Override
    public void close() {
        extraChannels.forEach(ManagedChannel::shutdownNow);
        orderChannel.shutdownNow();
        productChannel.shutdownNow();
        order.close();
        product.close();
        auth.close();
    }

    // ---- people

    /** An access token of a new user with these roles, signed with the real auth service's key. */
    String token(String... roles) {
        return AuthTokens.accessToken(authApp, UUID.randomUUID().toString(), roles);
    }

    /** A new customer with a token of their own. */
    Shopper newShopper() {
        String id = UUID.randomUUID().toString();
        return new Shopper(id, AuthTokens.accessToken(authApp, id, "customer"));
    }

    record Shopper(String id, String token) {
    }

    // ---- the catalog, through product's REST API

    /** A product created by a merchant, priced {@code amount} USD cents with {@code stock} units for sale. */
    Item newProduct(String name, long amount, int stock) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("name", name);
        body.put("description", "a " + name + " for the order tests");
        body.putObject("price").put("amount", amount).put("currency", "USD");
        body.putArray("categories");
        body.put("stock", stock);
        Reply reply = Rest.send(productHttp, Method.POST, "/api/v1/products", Optional.of(body.toString()),
                Optional.of(merchant)).expect(201);
        return new Item(reply.json().get("id").asText(), name, amount);
    }

    /** A product of the catalog as an order line needs it. */
    record Item(String id, String name, long price) {
        /** A line at the price the catalog asks, as checkout sends what the cart showed. */
        PlaceOrderItem times(int quantity) {
            return at(price, quantity);
        }

        /** A line expecting {@code amount} USD cents a unit, whatever the catalog asks. */
        PlaceOrderItem at(long amount, int quantity) {
            return asIs(quantity).toBuilder()
                    .setExpectedUnitPrice(Money.newBuilder().setAmount(amount).setCurrency("USD"))
                    .build();
        }

        /** A line expecting no price: the catalog's, whatever it is. */
        PlaceOrderItem asIs(int quantity) {
            return PlaceOrderItem.newBuilder().setProductId(id).setQuantity(quantity).build();
        }
    }

    /** Sets the product's price, as a merchant does through product's gRPC API. */
    void reprice(Item item, long amount) {
        TestServices.withToken(productGrpc(), merchant).updateProduct(UpdateProductRequest.newBuilder()
                .setProductId(item.id())
                .setPrice(Money.newBuilder().setAmount(amount).setCurrency("USD"))
                .build());
    }

    /** Product's gRPC API as order calls it: system calls, no end user's token. */
    ProductServiceGrpc.ProductServiceBlockingStub productGrpc() {
        return ProductServiceGrpc.newBlockingStub(productChannel);
    }

    /** Units of the product for sale now, as product's public REST API shows them. */
    int stockOf(Item item) {
        return Rest.send(productHttp, Method.GET, "/api/v1/products/" + item.id(), Optional.empty(), Optional.empty())
                .expect(200).json().get("stock").asInt();
    }

    // ---- placing orders, as checkout does over gRPC

    static Address address() {
        return Address.newBuilder()
                .setName("Ada Lovelace")
                .setStreetAddress("12 St James's Square")
                .setCity("London")
                .setCountry("GB")
                .setZipCode("SW1Y 4JH")
                .setPhone("+44 20 7946 0000")
                .build();
    }

    static PlaceOrderRequest.Builder request(String key, PlaceOrderItem... items) {
        return PlaceOrderRequest.newBuilder()
                .setIdempotencyKey(key)
                .addAllItems(List.of(items))
                .setCurrency("USD")
                .setEmail("ada@example.com")
                .setAddress(address());
    }

    /** Places an order for the shopper with a new idempotency key. */
    Order place(Shopper shopper, PlaceOrderItem... items) {
        return orderGrpc(shopper.token()).placeOrder(request(UUID.randomUUID().toString(), items).build());
    }

    // ---- order's gRPC API

    /** A stub calling as another service of the shop: no end user's token. */
    OrderServiceGrpc.OrderServiceBlockingStub orderGrpc() {
        return OrderServiceGrpc.newBlockingStub(orderChannel);
    }

    OrderServiceGrpc.OrderServiceBlockingStub orderGrpc(String token) {
        return TestServices.withToken(orderGrpc(), token);
    }

    /** Order's gRPC API as {@code workload} calls it (another service, or the tester standing for a person). */
    OrderServiceGrpc.OrderServiceBlockingStub orderGrpcAs(String workload) {
        ManagedChannel channel = TestServices.grpcAs(order, workload);
        extraChannels.add(channel);
        return OrderServiceGrpc.newBlockingStub(channel);
    }

    // ---- order's REST API

    Reply get(String path, String token) {
        return Rest.send(http, Method.GET, path, Optional.empty(), Optional.of(token));
    }

    Reply getAnonymously(String path) {
        return Rest.send(http, Method.GET, path, Optional.empty(), Optional.empty());
    }

    Reply patch(String path, String json, String token) {
        return Rest.send(http, Method.PATCH, path, Optional.of(json), Optional.of(token));
    }

    Reply post(String path, String json, String token) {
        return Rest.send(http, Method.POST, path, Optional.of(json), Optional.of(token));
    }

    Reply cancel(String orderId, String token) {
        return Rest.send(http, Method.POST, "/api/v1/orders/" + orderId + "/cancel", Optional.empty(),
                Optional.of(token));
    }

    // ---- metrics

    /** The value of a meter on a service's {@code /observe/metrics}: the sum of the series with these labels. */
    double metric(RunningService service, String name, String... labels) {
        return Rest.metric(TestServices.http(service), name, labels);
    }

    // ---- the database, to check what was (not) stored

    long count(String sql, Object... params) {
        return Long.parseLong(rows(sql, params).getFirst().getFirst());
    }

    /** Every row of the orders schema, each as Postgres's text form: what a refused request leaves as it was. */
    List<String> everyStoredOrderRow() {
        return TestDatabase.everyRow(database, "orders", "orders", "order_items");
    }

    /** Runs SQL on the services' database; answers the rows of a query (as text), or the update count. */
    List<List<String>> rows(String sql, Object... params) {
        return TestDatabase.rows(database, sql, params);
    }
}
