package dev.meshmall.payment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.auth.AuthApp;
import dev.meshmall.auth.AuthTokens;
import dev.meshmall.order.OrderApp;
import dev.meshmall.platform.RunningService;
import dev.meshmall.platform.http.Json;
import dev.meshmall.product.ProductApp;
import dev.meshmall.proto.common.v1.Address;
import dev.meshmall.proto.common.v1.Money;
import dev.meshmall.proto.order.v1.CancelOrderRequest;
import dev.meshmall.proto.order.v1.CancelReason;
import dev.meshmall.proto.order.v1.GetOrderRequest;
import dev.meshmall.proto.order.v1.MarkOrderPaidRequest;
import dev.meshmall.proto.order.v1.Order;
import dev.meshmall.proto.order.v1.OrderServiceGrpc;
import dev.meshmall.proto.order.v1.PlaceOrderItem;
import dev.meshmall.proto.order.v1.PlaceOrderRequest;
import dev.meshmall.proto.payment.v1.CardDetails;
import dev.meshmall.proto.payment.v1.ChargeRequest;
import dev.meshmall.proto.payment.v1.GetPaymentRequest;
import dev.meshmall.proto.payment.v1.Payment;
import dev.meshmall.proto.payment.v1.PaymentServiceGrpc;
import dev.meshmall.testing.Reply;
import dev.meshmall.testing.Rest;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestServices;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.ManagedChannel;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;

/**
 * The real auth, product, order and payment services on one fresh database, as in production: every token is signed
 * with the running auth's own key and checked against auth's JWKS; orders are placed through order's gRPC API (priced
 * and reserved through product's), and payment asks order for the order a charge or a refund is for, while order
 * asks payment for the payment it marks an order paid with. The tests talk to payment over gRPC and HTTP, to
 * order over gRPC, and read the database to check what was (not) stored. User is not started here (user's own
 * tests start payment, and Maven allows no cycle): charges of saved cards are proved by checkout's tests, which
 * run every service.
 */
final class PaymentStack implements AutoCloseable {
    /**
     * The jobs' schedules are out of the way unless a test asks for them: tests run the jobs themselves, and a run
     * of order's refund retry job takes every refund due at once.
     */
    static final Map<String, String> MANUAL_SWEEP = Map.of("payment.sweep-interval", "PT1H",
            "order.auto-cancel-interval", "PT1H", "order.refund-retry-after", "PT0S");
    static final String GOOD_NUMBER = "4242424242424242";
    static final String CVV = "7319";
    static final int NEXT_YEAR = YearMonth.now(ZoneOffset.UTC).getYear() + 1;

    final Map<String, String> database;
    final AuthApp authApp;
    final RunningService auth;
    final RunningService product;
    final OrderApp orderApp;
    final RunningService order;
    final PaymentApp paymentApp;
    final RunningService payment;
    final Http1Client http;
    final Http1Client productHttp;
    final ManagedChannel paymentChannel;
    final ManagedChannel fromUserService;
    final ManagedChannel orderChannel;
    final String merchant;
    private final Map<String, String> paymentSettings;
    private final int paymentPort;

    private PaymentStack(Map<String, String> database, AuthApp authApp, RunningService auth, RunningService product,
                         OrderApp orderApp, RunningService order, PaymentApp paymentApp, RunningService payment,
                         Map<String, String> paymentSettings, int paymentPort) {
        this.database = database;
        this.authApp = authApp;
        this.auth = auth;
        this.product = product;
        this.orderApp = orderApp;
        this.order = order;
        this.paymentApp = paymentApp;
        this.payment = payment;
        this.paymentSettings = paymentSettings;
        this.paymentPort = paymentPort;
        this.http = TestServices.http(payment);
        this.productHttp = TestServices.http(product);
        this.paymentChannel = TestServices.grpcAs(payment, "checkout");
        this.fromUserService = TestServices.grpcAs(payment, "user");
        this.orderChannel = TestServices.grpcAs(order, "checkout");
        this.merchant = AuthTokens.accessToken(authApp, UUID.randomUUID().toString(), "merchant");
    }

    static PaymentStack start() {
        return start(Map.of(), Optional.empty());
    }

    /**
     * The four services on a new database; {@code settings} go to payment above its application.yaml. Order and
     * payment call each other, so payment's gRPC port is chosen in advance; if another process takes it first,
     * the whole stack starts again on new ports.
     */
    static PaymentStack start(Map<String, String> settings, Optional<Path> configFile) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(settings, configFile);
            } catch (java.io.UncheckedIOException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static PaymentStack startOnce(Map<String, String> settings, Optional<Path> configFile) {
        Map<String, String> database = TestDatabase.newDatabase();
        List<RunningService> started = new ArrayList<>();
        try {
            Map<String, String> authSettings = new HashMap<>(database);
            authSettings.put("services.user.grpc", "127.0.0.1:" + TestServices.freePort());
            AuthApp authApp = new AuthApp();
            RunningService auth = started(started, TestServices.start(authApp, authSettings));
            String jwks = TestServices.jwks(auth);

            Map<String, String> productSettings = new HashMap<>(database);
            productSettings.put("jwt.jwks", jwks);
            RunningService product = started(started, TestServices.start(new ProductApp(), productSettings));

            int paymentPort = TestServices.freePort();
            Map<String, String> orderSettings = new HashMap<>(database);
            orderSettings.put("jwt.jwks", jwks);
            orderSettings.put("services.product.grpc", "127.0.0.1:" + product.grpcPort());
            orderSettings.put("services.payment.grpc", "127.0.0.1:" + paymentPort);
            orderSettings.putAll(MANUAL_SWEEP);
            OrderApp orderApp = new OrderApp();
            RunningService order = started(started, TestServices.start(orderApp, orderSettings));

            Map<String, String> all = new HashMap<>(database);
            all.put("jwt.jwks", jwks);
            all.put("services.user.grpc", "127.0.0.1:" + TestServices.freePort());
            all.put("services.order.grpc", "127.0.0.1:" + order.grpcPort());
            all.putAll(MANUAL_SWEEP);
            all.putAll(settings);
            Map<String, String> first = new HashMap<>(all);
            first.put("grpc.port", Integer.toString(paymentPort));
            PaymentApp app = new PaymentApp();
            RunningService payment = started(started, TestServices.start(app, first, configFile));
            return new PaymentStack(database, authApp, auth, product, orderApp, order, app, payment, all, paymentPort);
        } catch (RuntimeException e) {
            started.reversed().forEach(RunningService::close);
            throw e;
        }
    }

    private static RunningService started(List<RunningService> started, RunningService service) {
        started.add(service);
        return service;
    }

    /** Another payment replica on the same database, as a second pod would be. */
    Replica paymentReplica() {
        PaymentApp app = new PaymentApp();
        return new Replica(app, TestServices.start(app, paymentSettings));
    }

    /** Payment started again on the gRPC port order calls, as a restarted pod behind the same address. */
    Replica paymentRestarted() {
        Map<String, String> samePort = new HashMap<>(paymentSettings);
        samePort.put("grpc.port", Integer.toString(paymentPort));
        PaymentApp app = new PaymentApp();
        return new Replica(app, TestServices.start(app, samePort));
    }

    record Replica(PaymentApp app, RunningService service) implements AutoCloseable {
        @Override
        public void close() {
            service.close();
        }
    }

    @Override
    public void close() {
        paymentChannel.shutdownNow();
        fromUserService.shutdownNow();
        orderChannel.shutdownNow();
        payment.close();
        order.close();
        product.close();
        auth.close();
    }

    // ---- people

    /** A new customer with a token of their own, signed with the running auth's own key. */
    Shopper newShopper() {
        String id = UUID.randomUUID().toString();
        return new Shopper(id, AuthTokens.accessToken(authApp, id, "customer"));
    }

    record Shopper(String id, String token) {
    }

    // ---- payment's gRPC API

    /** A stub calling as checkout, the service that charges: no end user's token. */
    PaymentServiceGrpc.PaymentServiceBlockingStub asSystem() {
        return PaymentServiceGrpc.newBlockingStub(paymentChannel);
    }

    PaymentServiceGrpc.PaymentServiceBlockingStub as(Shopper shopper) {
        return TestServices.withToken(asSystem(), shopper.token());
    }

    /** A stub calling as the user service does for a shopper (saving a card tokenizes it here). */
    PaymentServiceGrpc.PaymentServiceBlockingStub viaUserService(Shopper shopper) {
        return TestServices.withToken(PaymentServiceGrpc.newBlockingStub(fromUserService), shopper.token());
    }

    static CardDetails card(String number) {
        return CardDetails.newBuilder().setNumber(number).setExpMonth(12).setExpYear(NEXT_YEAR).setCvv(CVV)
                .setHolderName("Ada Lovelace").build();
    }

    /** A charge of the order's total by a card typed in, with a new key. */
    static ChargeRequest.Builder charge(Order order, String number) {
        return ChargeRequest.newBuilder()
                .setIdempotencyKey(UUID.randomUUID().toString())
                .setOrderId(order.getId())
                .setAmount(order.getTotal())
                .setCard(card(number));
    }

    /** A charge of a new order of the shopper's, of {@code amount} USD cents, by a card typed in, with a new key. */
    ChargeRequest.Builder chargeRequest(Shopper shopper, String number, long amount) {
        return charge(placeOrder(shopper, amount), number);
    }

    /** A new order of the shopper's, of 49.99 USD, charged with the shopper's token. */
    Payment charge(Shopper shopper, String number) {
        return as(shopper).charge(chargeRequest(shopper, number, 4_999).build());
    }

    Payment get(String paymentId) {
        return asSystem().getPayment(GetPaymentRequest.newBuilder().setPaymentId(paymentId).build());
    }

    // ---- the catalog and orders, as a merchant and checkout make them

    /** A product created by a merchant through product's REST API, priced {@code amount} USD cents. */
    Item newProduct(String name, long amount, int stock) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("name", name);
        body.put("description", "a " + name + " for the payment tests");
        body.putObject("price").put("amount", amount).put("currency", "USD");
        body.putArray("categories");
        body.put("stock", stock);
        Reply reply = Rest.send(productHttp, Method.POST, "/api/v1/products", Optional.of(body.toString()),
                Optional.of(merchant)).expect(201);
        return new Item(reply.json().get("id").asText(), amount);
    }

    record Item(String id, long price) {
    }

    /** A new order of the shopper's, one unit of a new product priced {@code total} USD cents. */
    Order placeOrder(Shopper shopper, long total) {
        return placeOrder(shopper, newProduct("Thing " + UUID.randomUUID(), total, 100), 1);
    }

    /** The shopper's order of {@code quantity} units, placed with their token, as checkout places it. */
    Order placeOrder(Shopper shopper, Item item, int quantity) {
        return orderAs(shopper).placeOrder(PlaceOrderRequest.newBuilder()
                .setIdempotencyKey(UUID.randomUUID().toString())
                .addItems(PlaceOrderItem.newBuilder().setProductId(item.id()).setQuantity(quantity)
                        .setExpectedUnitPrice(Money.newBuilder().setAmount(item.price()).setCurrency("USD")))
                .setCurrency("USD")
                .setEmail("ada@example.com")
                .setAddress(Address.newBuilder().setName("Ada Lovelace").setStreetAddress("12 St James's Square")
                        .setCity("London").setCountry("GB").setZipCode("SW1Y 4JH"))
                .build());
    }

    /** Order's gRPC API as another service of the shop calls it: no end user's token. */
    OrderServiceGrpc.OrderServiceBlockingStub orderAsSystem() {
        return OrderServiceGrpc.newBlockingStub(orderChannel);
    }

    OrderServiceGrpc.OrderServiceBlockingStub orderAs(Shopper shopper) {
        return TestServices.withToken(orderAsSystem(), shopper.token());
    }

    /** The order as order answers it now. */
    Order order(String orderId) {
        return orderAsSystem().getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build());
    }

    /** The owner cancels the order (reason USER): an unpaid one is cancelled, a paid one refunded. */
    Order cancelOrder(Shopper owner, String orderId) {
        return orderAs(owner).cancelOrder(CancelOrderRequest.newBuilder().setOrderId(orderId)
                .setReason(CancelReason.CANCEL_REASON_USER).build());
    }

    /** Marks the order paid with the payment, as checkout does after a charge. */
    Order markPaid(String orderId, String paymentId) {
        return orderAsSystem().markOrderPaid(MarkOrderPaidRequest.newBuilder().setOrderId(orderId)
                .setPaymentId(paymentId).build());
    }

    /** Units of the product for sale now, as product's public REST API shows them. */
    int stockOf(Item item) {
        return Rest.send(productHttp, Method.GET, "/api/v1/products/" + item.id(), Optional.empty(), Optional.empty())
                .expect(200).json().get("stock").asInt();
    }

    // ---- REST

    Reply getRest(String path, Optional<String> token) {
        return Rest.send(http, Method.GET, path, Optional.empty(), token);
    }

    // ---- metrics

    /** The sum of the series of a meter on payment's {@code /observe/metrics} whose labels contain {@code labels}. */
    double metric(String name, String... labels) {
        return Rest.metric(http, name, labels);
    }

    /** The same on order's {@code /observe/metrics}. */
    double orderMetric(String name, String... labels) {
        return Rest.metric(TestServices.http(order), name, labels);
    }

    /** Orders their owners cancelled, as order counts them: refunded ones (paid before) or plain ones. */
    double ordersCancelledByOwner(boolean refunded) {
        return orderMetric("meshmall_order_cancelled_total", "reason=\"user\",refunded=\"" + refunded + "\"");
    }

    // ---- the database

    long count(String sql, Object... params) {
        return Long.parseLong(rows(sql, params).getFirst().getFirst());
    }

    /** The ledger of a payment, oldest first, as "FROM>TO cause" ("null" from nowhere). */
    List<String> ledger(String paymentId) {
        return rows("SELECT COALESCE(from_status, 'null') || '>' || to_status || ' ' || cause"
                + " FROM payments.payment_events WHERE payment_id = CAST(? AS uuid) ORDER BY id", paymentId)
                .stream().map(List::getFirst).toList();
    }

    /** Every row of the orders schema and of product's reservations: what a refused payment leaves as it was. */
    List<String> everyStoredOrderRow() {
        List<String> rows = new ArrayList<>(TestDatabase.everyRow(database, "orders", "orders", "order_items"));
        rows.addAll(TestDatabase.everyRow(database, "catalog", "reservations", "reservation_items"));
        return rows;
    }

    /** Every row of every table of the payments schema, each as Postgres's text form of the whole row. */
    List<String> everyStoredRow() {
        return TestDatabase.everyRow(database, "payments", "payments", "payment_events", "vault_cards");
    }

    /**
     * Kills the database sessions that sit in an open transaction holding payments (order's and product's share the
     * database): a charge waiting for the processor with its payment's row locked loses its connection, as when
     * its pod dies.
     */
    long killChargesWaitingForTheProcessor() {
        return count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                + " AND state = 'idle in transaction' AND pid IN (SELECT pid FROM pg_locks"
                + " WHERE relation = CAST('payments.payments' AS regclass))");
    }

    List<List<String>> rows(String sql, Object... params) {
        return TestDatabase.rows(database, sql, params);
    }
}
