package dev.meshmall.checkout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.auth.AuthApp;
import dev.meshmall.auth.AuthTokens;
import dev.meshmall.cart.CartApp;
import dev.meshmall.order.OrderApp;
import dev.meshmall.payment.PaymentApp;
import dev.meshmall.platform.RunningService;
import dev.meshmall.platform.ServiceApp;
import dev.meshmall.platform.http.Json;
import dev.meshmall.product.ProductApp;
import dev.meshmall.proto.checkout.v1.CheckoutServiceGrpc;
import dev.meshmall.proto.common.v1.Money;
import dev.meshmall.proto.payment.v1.PaymentServiceGrpc;
import dev.meshmall.proto.product.v1.ProductServiceGrpc;
import dev.meshmall.proto.product.v1.UpdateProductRequest;
import dev.meshmall.testing.Reply;
import dev.meshmall.testing.Rest;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestServices;
import dev.meshmall.user.UserApp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.ManagedChannel;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;

/**
 * Every service of the checkout path, real and in-process on one fresh database, as in production: auth, user,
 * product, cart, order, payment and checkout, talking gRPC to each other on real sockets, every token from
 * auth and checked against its JWKS. The tests act as shoppers through the REST APIs (and checkout's gRPC API),
 * and read every schema to check what was stored. Checkout runs in the test JVM too, or, for the crash tests,
 * as a JVM of its own over the same database (see {@link #withoutCheckout()}).
 */
final class CheckoutStack implements AutoCloseable {
    static final String GOOD_CARD = "4242424242424242";
    static final String DECLINED_CARD = "4000000000000002";
    static final String NO_FUNDS_CARD = "4000000000009995";
    /** The schedules are out of the way: tests run the jobs themselves. */
    private static final Map<String, String> MANUAL_JOBS = Map.of(
            "order.auto-cancel-interval", "PT1H",
            "payment.sweep-interval", "PT1H",
            "checkout.recovery-interval", "PT1H");

    final Map<String, String> database;
    private final Map<String, String> common;
    private final List<RunningService> services = new ArrayList<>();
    final RunningService auth;
    final RunningService user;
    final RunningService product;
    final RunningService cart;
    final RunningService order;
    final RunningService payment;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final AuthApp authApp = new AuthApp();
    private final ManagedChannel productChannel;
    private final Optional<RunningService> inProcessCheckout;
    private Http1Client checkoutHttp;
    private ManagedChannel checkoutChannel;
    final String merchant;

    /**
     * Services start in dependency order on free ports, each told the ports of those before it. Only user and
     * payment, which user and order call before payment starts (payment calls both), get their gRPC ports chosen
     * in advance.
     */
    private CheckoutStack(boolean checkoutInProcess) {
        database = TestDatabase.newDatabase();
        common = new HashMap<>(database);
        common.putAll(MANUAL_JOBS);
        int userPort = TestServices.freePort();
        int paymentPort = TestServices.freePort();
        common.put("services.user.grpc", "127.0.0.1:" + userPort);
        common.put("services.payment.grpc", "127.0.0.1:" + paymentPort);
        try {
            auth = start(authApp, 0);
            common.put("jwt.jwks", TestServices.jwks(auth));
            user = start(new UserApp(), userPort);
            product = start(new ProductApp(), 0);
            cart = start(new CartApp(), 0);
            order = start(new OrderApp(), 0);
            payment = start(new PaymentApp(), paymentPort);
        } catch (RuntimeException e) {
            closeServices();
            throw e;
        }
        productChannel = channel(product);
        inProcessCheckout = checkoutInProcess ? Optional.of(start(new CheckoutApp(), 0)) : Optional.empty();
        inProcessCheckout.ifPresent(checkout -> checkoutAt(checkout.httpPort(), checkout.grpcPort()));
        merchant = token("merchant");
    }

    /** The whole stack, checkout included, in the test JVM. */
    static CheckoutStack start() {
        return start(true);
    }

    /**
     * The stack without checkout, which the test runs elsewhere (a JVM of its own) and points the stack at with
     * {@link #checkoutAt}.
     */
    static CheckoutStack withoutCheckout() {
        return start(false);
    }

    /**
     * A port chosen in advance can be taken by another process before its service binds it: then the whole stack
     * starts again on new ports.
     */
    private static CheckoutStack start(boolean checkoutInProcess) {
        for (int attempt = 1; ; attempt++) {
            try {
                return new CheckoutStack(checkoutInProcess);
            } catch (java.io.UncheckedIOException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private RunningService start(ServiceApp app, int grpcPort) {
        Map<String, String> all = new HashMap<>(common);
        all.put("grpc.port", Integer.toString(grpcPort));
        RunningService service = TestServices.start(app, all);
        services.add(service);
        common.put("services." + app.name() + ".grpc", "127.0.0.1:" + service.grpcPort());
        return service;
    }

    private void closeServices() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }

    /** From now on the shoppers' checkouts go to the checkout listening on these ports. */
    void checkoutAt(int httpPort, int grpcPort) {
        if (checkoutChannel != null) {
            checkoutChannel.shutdownNow();
        }
        checkoutHttp = TestServices.http(httpPort);
        checkoutChannel = TestServices.grpcAs(grpcPort, TestServices.TESTER);
        channels.add(checkoutChannel);
    }

    /** The checkout running in the test JVM. */
    RunningService checkout() {
        return inProcessCheckout.orElseThrow(() -> new IllegalStateException("checkout runs in a JVM of its own"));
    }

    /**
     * The environment the devstack gives a service's JVM, for a checkout over this stack: its database, auth's
     * signing keys, its workload certificate and the gRPC address of each peer, those named in {@code relayed} at the address given there.
     */
    Map<String, String> checkoutEnvironment(Map<String, String> relayed) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> ownRole = TestDatabase.asServiceRole(database, "checkout", "checkout");
        env.put("DB_CONNECTION_URL", ownRole.get("db.connection.url"));
        env.put("DB_CONNECTION_USERNAME", ownRole.get("db.connection.username"));
        env.put("DB_CONNECTION_PASSWORD", ownRole.get("db.connection.password"));
        env.put("JWT_JWKS", TestServices.jwks(auth));
        TestServices.identitySettings("checkout").forEach((key, value) ->
                env.put(key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        for (String peer : List.of("user", "cart", "product", "order", "payment")) {
            env.put("SERVICES_" + peer.toUpperCase(Locale.ROOT) + "_GRPC",
                    relayed.getOrDefault(peer, common.get("services." + peer + ".grpc")));
        }
        return env;
    }

    private ManagedChannel channel(RunningService service) {
        return channel(service, TestServices.TESTER);
    }

    /** A channel proving the identity of {@code workload}: a service, or the tester acting for end users. */
    private ManagedChannel channel(RunningService service, String workload) {
        ManagedChannel channel = TestServices.grpcAs(service, workload);
        channels.add(channel);
        return channel;
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        closeServices();
    }

    // ---- people

    /** An access token of a new user with these roles, signed with the running auth's own key. */
    String token(String... roles) {
        return AuthTokens.accessToken(authApp, UUID.randomUUID().toString(), roles);
    }

    /** A shopper known to auth only: enough to fill a cart and check out with an address and card typed in. */
    Shopper newShopper() {
        String id = UUID.randomUUID().toString();
        return new Shopper(id, AuthTokens.accessToken(authApp, id, "customer"),
                "shopper-" + id.substring(0, 8) + "@example.com");
    }

    /** A shopper registered with user and logged in at auth through REST, who can save addresses and cards. */
    Shopper registeredShopper() {
        String email = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "correct horse battery";
        Reply registered = send(user, Method.POST, "/api/v1/users", Optional.of("{\"email\":\"" + email
                + "\",\"password\":\"" + password + "\",\"name\":\"Ada\"}"), Optional.empty()).expect(201);
        Reply login = send(auth, Method.POST, "/api/v1/auth/login", Optional.of(
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"), Optional.empty()).expect(200);
        return new Shopper(registered.json().get("id").asText(), login.json().get("access_token").asText(), email);
    }

    record Shopper(String id, String token, String email) {
    }

    String saveAddress(Shopper shopper) {
        return send(user, Method.POST, "/api/v1/users/me/addresses", Optional.of(ADDRESS), Optional.of(shopper.token()))
                .expect(201).json().get("id").asText();
    }

    String saveCard(Shopper shopper, String number) {
        return send(user, Method.POST, "/api/v1/users/me/cards", Optional.of("{\"number\":\"" + number
                        + "\",\"exp_month\":12,\"exp_year\":2031,\"holder_name\":\"Ada Lovelace\"}"),
                Optional.of(shopper.token())).expect(201).json().get("id").asText();
    }

    // ---- the catalog and the cart, through their REST APIs

    /** A product created by a merchant, priced {@code amount} USD cents with {@code stock} units for sale. */
    Item newProduct(String name, long amount, int stock) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("name", name);
        body.put("description", "a " + name + " for the checkout tests");
        body.putObject("price").put("amount", amount).put("currency", "USD");
        body.putArray("categories");
        body.put("stock", stock);
        Reply created = send(product, Method.POST, "/api/v1/products", Optional.of(body.toString()),
                Optional.of(merchant)).expect(201);
        return new Item(created.json().get("id").asText(), name, amount, stock);
    }

    /** A product as created: its price then and the units it started with. */
    record Item(String id, String name, long price, int initialStock) {
    }

    void reprice(Item item, long amount) {
        TestServices.withToken(ProductServiceGrpc.newBlockingStub(productChannel), merchant).updateProduct(
                UpdateProductRequest.newBuilder()
                        .setProductId(item.id())
                        .setPrice(Money.newBuilder().setAmount(amount).setCurrency("USD"))
                        .build());
    }

    /** Units of the product for sale now, as product's public REST API shows them. */
    int stockOf(Item item) {
        return send(product, Method.GET, "/api/v1/products/" + item.id(), Optional.empty(), Optional.empty())
                .expect(200).json().get("stock").asInt();
    }

    void addToCart(Shopper shopper, Item item, int quantity) {
        send(cart, Method.POST, "/api/v1/cart/items", Optional.of("{\"product_id\":\"" + item.id()
                + "\",\"quantity\":" + quantity + "}"), Optional.of(shopper.token())).expect(200, 201);
    }

    /** The shopper's cart lines as product id to quantity. */
    Map<String, Integer> cartOf(Shopper shopper) {
        JsonNode items = send(cart, Method.GET, "/api/v1/cart", Optional.empty(), Optional.of(shopper.token()))
                .expect(200).json().get("items");
        Map<String, Integer> lines = new HashMap<>();
        items.forEach(line -> lines.put(line.get("product_id").asText(), line.get("quantity").asInt()));
        return lines;
    }

    // ---- checkout

    static final String ADDRESS = "{\"name\":\"Ada Lovelace\",\"street_address\":\"12 St James's Square\","
            + "\"city\":\"London\",\"country\":\"GB\",\"zip_code\":\"SW1Y 4JH\"}";

    static String card(String number) {
        return "{\"number\":\"" + number + "\",\"exp_month\":12,\"exp_year\":2031,\"cvv\":\"123\","
                + "\"holder_name\":\"Ada Lovelace\"}";
    }

    /** A checkout body with the address and card typed in. */
    static String body(Shopper shopper, String cardNumber) {
        return "{\"address\":" + ADDRESS + ",\"card\":" + card(cardNumber) + ",\"email\":\"" + shopper.email() + "\"}";
    }

    Reply checkout(Shopper shopper, String key, String body) {
        return Rest.send(checkoutHttp, Method.POST, "/api/v1/checkout", Optional.of(body),
                Optional.of(shopper.token()), Map.of("Idempotency-Key", key));
    }

    Reply pay(Shopper shopper, String orderId, String key, String body) {
        return Rest.send(checkoutHttp, Method.POST, "/api/v1/orders/" + orderId + "/pay",
                Optional.of(body), Optional.of(shopper.token()), Map.of("Idempotency-Key", key));
    }

    PaymentServiceGrpc.PaymentServiceBlockingStub paymentGrpc(String token) {
        return TestServices.withToken(PaymentServiceGrpc.newBlockingStub(channel(payment, "checkout")), token);
    }

    CheckoutServiceGrpc.CheckoutServiceBlockingStub checkoutGrpc(String token) {
        return TestServices.withToken(CheckoutServiceGrpc.newBlockingStub(checkoutChannel), token);
    }

    Reply orderOf(Shopper shopper, String orderId) {
        return send(order, Method.GET, "/api/v1/orders/" + orderId, Optional.empty(), Optional.of(shopper.token()));
    }

    // ---- HTTP

    /** A call of the REST API of {@code service} where it runs now (checkout moves when it restarts). */
    private static Reply send(RunningService service, Method method, String path, Optional<String> json,
                              Optional<String> token) {
        return Rest.send(TestServices.http(service), method, path, json, token);
    }

    // ---- metrics

    /** The sum of the series of {@code name} on a service's metrics whose labels contain all of {@code labels}. */
    double metric(RunningService service, String name, String... labels) {
        return Rest.metric(TestServices.http(service), name, labels);
    }

    // ---- the database, to check what was (not) stored

    long count(String sql, Object... params) {
        return Long.parseLong(rows(sql, params).getFirst().getFirst());
    }

    String text(String sql, Object... params) {
        List<List<String>> rows = rows(sql, params);
        return rows.isEmpty() ? null : rows.getFirst().getFirst();
    }

    List<List<String>> rows(String sql, Object... params) {
        return TestDatabase.rows(database, sql, params);
    }

    /** Every row of the checkout schema, each as Postgres's text form, one a line. */
    String everyCheckoutRow() {
        return String.join("\n", TestDatabase.everyRow(database, "checkout", "checkouts", "steps"));
    }

    /**
     * The shop's invariants across all schemas, as broken ones: for each product, stock for sale plus units sold
     * (in PAID orders) plus units held by orders awaiting payment equals its initial stock; every PAID order has
     * exactly one SUCCEEDED payment of its total; no SUCCEEDED payment is of an order that is not PAID.
     */
    List<String> brokenInvariants(List<Item> items) {
        List<String> broken = new ArrayList<>();
        for (Item item : items) {
            long sold = count("SELECT COALESCE(sum(i.quantity), 0) FROM orders.order_items i"
                    + " JOIN orders.orders o ON o.id = i.order_id"
                    + " WHERE o.status = 'PAID' AND i.product_id = CAST(? AS uuid)", item.id());
            long held = count("SELECT COALESCE(sum(i.quantity), 0) FROM orders.order_items i"
                    + " JOIN orders.orders o ON o.id = i.order_id"
                    + " WHERE o.status = 'PENDING_PAYMENT' AND i.product_id = CAST(? AS uuid)", item.id());
            int stock = stockOf(item);
            if (stock + sold + held != item.initialStock()) {
                broken.add(item.name() + ": stock " + stock + " + sold " + sold + " + held " + held + " != "
                        + item.initialStock());
            }
        }
        rows("SELECT CAST(o.id AS text), (SELECT count(*) FROM payments.payments p WHERE p.order_id = o.id"
                + " AND p.status = 'SUCCEEDED' AND p.amount = o.total_amount)"
                + " FROM orders.orders o WHERE o.status = 'PAID'").forEach(row -> {
                    if (!row.get(1).equals("1")) {
                        broken.add("PAID order " + row.get(0) + " has " + row.get(1)
                                + " succeeded payments of its total");
                    }
                });
        rows("SELECT CAST(p.id AS text) FROM payments.payments p WHERE p.status = 'SUCCEEDED'"
                + " AND NOT EXISTS (SELECT 1 FROM orders.orders o WHERE o.id = p.order_id AND o.status = 'PAID')")
                .forEach(row -> broken.add("SUCCEEDED payment " + row.getFirst() + " has no PAID order"));
        return broken;
    }
}
