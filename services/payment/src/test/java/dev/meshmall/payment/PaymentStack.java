package dev.meshmall.payment;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.auth.AuthApp;
import dev.meshmall.auth.AuthTokens;
import dev.meshmall.platform.RunningService;
import dev.meshmall.proto.common.v1.Money;
import dev.meshmall.proto.payment.v1.CardDetails;
import dev.meshmall.proto.payment.v1.ChargeRequest;
import dev.meshmall.proto.payment.v1.GetPaymentRequest;
import dev.meshmall.proto.payment.v1.Payment;
import dev.meshmall.proto.payment.v1.PaymentServiceGrpc;
import dev.meshmall.testing.Reply;
import dev.meshmall.testing.Rest;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestServices;

import io.grpc.ManagedChannel;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;

/**
 * The real auth and payment services on one fresh database: every token is signed with the running auth's own
 * key and checked against auth's JWKS. The tests talk to payment over gRPC and HTTP, and read the database to check
 * what was (not) stored. User is not started here (user's own tests start payment, and Maven allows no cycle):
 * charges of saved cards are proved by user's tests, which run all three.
 */
final class PaymentStack implements AutoCloseable {
    /** The sweep's schedule is out of the way unless a test asks for it: tests run the sweep themselves. */
    static final Map<String, String> MANUAL_SWEEP = Map.of("payment.sweep-interval", "PT1H");
    static final String GOOD_NUMBER = "4242424242424242";
    static final String CVV = "7319";
    static final int NEXT_YEAR = YearMonth.now(ZoneOffset.UTC).getYear() + 1;

    final Map<String, String> database;
    final AuthApp authApp;
    final RunningService auth;
    final PaymentApp paymentApp;
    final RunningService payment;
    final Http1Client http;
    final ManagedChannel paymentChannel;
    final ManagedChannel fromUserService;
    private final Map<String, String> paymentSettings;

    private PaymentStack(Map<String, String> database, AuthApp authApp, RunningService auth, PaymentApp paymentApp,
                         RunningService payment, Map<String, String> paymentSettings) {
        this.database = database;
        this.authApp = authApp;
        this.auth = auth;
        this.paymentApp = paymentApp;
        this.payment = payment;
        this.paymentSettings = paymentSettings;
        this.http = TestServices.http(payment);
        this.paymentChannel = TestServices.grpcAs(payment, "checkout");
        this.fromUserService = TestServices.grpcAs(payment, "user");
    }

    static PaymentStack start() {
        return start(Map.of(), Optional.empty());
    }

    /** Both services on a new database; {@code settings} go to payment above its application.yaml. */
    static PaymentStack start(Map<String, String> settings, Optional<Path> configFile) {
        Map<String, String> database = TestDatabase.newDatabase();
        Map<String, String> authSettings = new HashMap<>(database);
        authSettings.put("services.user.grpc", "127.0.0.1:" + TestServices.freePort());
        AuthApp authApp = new AuthApp();
        RunningService auth = TestServices.start(authApp, authSettings);

        Map<String, String> all = new HashMap<>(database);
        all.put("jwt.jwks", TestServices.jwks(auth));
        all.put("services.user.grpc", "127.0.0.1:" + TestServices.freePort());
        all.putAll(MANUAL_SWEEP);
        all.putAll(settings);
        PaymentApp app = new PaymentApp();
        RunningService payment = TestServices.start(app, all, configFile);
        return new PaymentStack(database, authApp, auth, app, payment, all);
    }

    /** Another payment replica on the same database, as a second pod would be. */
    Replica paymentReplica() {
        PaymentApp app = new PaymentApp();
        return new Replica(app, TestServices.start(app, paymentSettings));
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
        payment.close();
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

    /** A charge of {@code amount} USD cents for a new order, with a new key, by a card typed in. */
    static ChargeRequest.Builder charge(String number, long amount) {
        return ChargeRequest.newBuilder()
                .setIdempotencyKey(UUID.randomUUID().toString())
                .setOrderId(UUID.randomUUID().toString())
                .setAmount(Money.newBuilder().setAmount(amount).setCurrency("USD"))
                .setCard(card(number));
    }

    Payment charge(Shopper shopper, String number) {
        return as(shopper).charge(charge(number, 4_999).build());
    }

    Payment get(String paymentId) {
        return asSystem().getPayment(GetPaymentRequest.newBuilder().setPaymentId(paymentId).build());
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

    /** Every row of every table of the payments schema, each as Postgres's text form of the whole row. */
    List<String> everyStoredRow() {
        return TestDatabase.everyRow(database, "payments", "payments", "payment_events", "vault_cards");
    }

    /**
     * Kills the database sessions that sit in an open transaction: a charge waiting for the processor with its
     * payment's row locked loses its connection, as when its pod dies.
     */
    long killChargesWaitingForTheProcessor() {
        return count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                + " AND state = 'idle in transaction'");
    }

    List<List<String>> rows(String sql, Object... params) {
        return TestDatabase.rows(database, sql, params);
    }
}
