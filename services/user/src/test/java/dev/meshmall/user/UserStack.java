package dev.meshmall.user;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.auth.AuthApp;
import dev.meshmall.payment.PaymentApp;
import dev.meshmall.platform.RunningService;
import dev.meshmall.proto.payment.v1.PaymentServiceGrpc;
import dev.meshmall.proto.user.v1.UserServiceGrpc;
import dev.meshmall.testing.Reply;
import dev.meshmall.testing.Rest;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestServices;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;

/**
 * The real auth, payment and user services side by side on one fresh database, as in production: auth logs
 * users in by asking user to check their password and reads their accounts on refresh, user has auth end a
 * user's sessions, user saves cards through payment's vault and payment reads them back from user, every token
 * is checked against auth's JWKS. The tests talk to them over HTTP, gRPC and SQL.
 */
final class UserStack implements AutoCloseable {
    static final String PASSWORD = "a long enough passphrase";

    final Map<String, String> database;
    final AuthApp authApp;
    final RunningService auth;
    final RunningService payment;
    final RunningService user;
    final Http1Client http;
    final Http1Client authHttp;
    final ManagedChannel userChannel;
    final ManagedChannel authChannel;
    final ManagedChannel paymentChannel;
    final ManagedChannel userFromAuth;
    private final Map<String, String> userSettings;

    private UserStack(Map<String, String> database, AuthApp authApp, RunningService auth, RunningService payment,
                      RunningService user, Map<String, String> userSettings) {
        this.database = database;
        this.authApp = authApp;
        this.auth = auth;
        this.payment = payment;
        this.user = user;
        this.userSettings = userSettings;
        this.http = TestServices.http(user);
        this.authHttp = TestServices.http(auth);
        this.userChannel = TestServices.grpc(user);
        this.authChannel = TestServices.grpc(auth);
        this.paymentChannel = TestServices.grpcAs(payment, "checkout");
        this.userFromAuth = TestServices.grpcAs(user, "auth");
    }

    static UserStack start() {
        return start(Map.of());
    }

    /** Both services on a new database; {@code userSettings} go to user above its application.yaml. */
    static UserStack start(Map<String, String> userSettings) {
        Map<String, String> database = TestDatabase.newDatabase();
        int userGrpc = TestServices.freePort();
        Map<String, String> authSettings = new HashMap<>(database);
        authSettings.put("services.user.grpc", "127.0.0.1:" + userGrpc);
        AuthApp authApp = new AuthApp();
        RunningService auth = TestServices.start(authApp, authSettings);
        String jwks = TestServices.jwks(auth);
        Map<String, String> paymentSettings = new HashMap<>(database);
        paymentSettings.put("jwt.jwks", jwks);
        paymentSettings.put("services.user.grpc", "127.0.0.1:" + userGrpc);
        RunningService payment = TestServices.start(new PaymentApp(), paymentSettings);
        Map<String, String> settings = new HashMap<>(database);
        settings.put("grpc.port", Integer.toString(userGrpc));
        settings.put("services.auth.grpc", "127.0.0.1:" + auth.grpcPort());
        settings.put("services.payment.grpc", "127.0.0.1:" + payment.grpcPort());
        settings.put("jwt.jwks", jwks);
        settings.putAll(userSettings);
        RunningService user = TestServices.start(new UserApp(), settings);
        return new UserStack(database, authApp, auth, payment, user, settings);
    }

    /** Another user replica on the same database and auth, with some settings changed. */
    RunningService userReplica(Map<String, String> changes) {
        Map<String, String> settings = new HashMap<>(userSettings);
        settings.put("grpc.port", "0");
        settings.putAll(changes);
        return TestServices.start(new UserApp(), settings);
    }

    @Override
    public void close() {
        userChannel.shutdownNow();
        authChannel.shutdownNow();
        paymentChannel.shutdownNow();
        userFromAuth.shutdownNow();
        user.close();
        payment.close();
        auth.close();
    }

    // ---- REST

    Reply post(String path, String json) {
        return Rest.send(http, Method.POST, path, Optional.of(json), Optional.empty());
    }

    Reply post(String path, String json, String token) {
        return Rest.send(http, Method.POST, path, Optional.of(json), Optional.of(token));
    }

    Reply postEmpty(String path, String token) {
        return Rest.send(http, Method.POST, path, Optional.empty(), Optional.of(token));
    }

    Reply put(String path, String json, String token) {
        return Rest.send(http, Method.PUT, path, Optional.of(json), Optional.of(token));
    }

    Reply patch(String path, String json, String token) {
        return Rest.send(http, Method.PATCH, path, Optional.of(json), Optional.of(token));
    }

    Reply get(String path, String token) {
        return Rest.send(http, Method.GET, path, Optional.empty(), Optional.of(token));
    }

    Reply delete(String path, String token) {
        return Rest.send(http, Method.DELETE, path, Optional.empty(), Optional.of(token));
    }

    /** {@code POST /api/v1/auth/refresh} on the auth service. */
    Reply refresh(String refreshToken) {
        return Rest.send(authHttp, Method.POST, "/api/v1/auth/refresh",
                Optional.of("{\"refresh_token\":\"" + refreshToken + "\"}"), Optional.empty());
    }

    /** A GET without a token. */
    static Reply getAnonymously(Http1Client client, String path) {
        return Rest.send(client, Method.GET, path, Optional.empty(), Optional.empty());
    }

    // ---- the user's journey, through the public API

    /** Registers an account and answers its id. */
    String register(String email) {
        return register(email, PASSWORD, "Test User");
    }

    String register(String email, String password, String name) {
        return post("/api/v1/users", registration(email, password, name)).expect(201).json().get("id").asText();
    }

    static String registration(String email, String password, String name) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"name\":\"" + name + "\"}";
    }

    /** {@code POST /api/v1/auth/login} at auth, which asks user to check the password. */
    Reply login(String email, String password) {
        return loginWith("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", Map.of());
    }

    /** A login from {@code client}, as the ingress tells it in {@code x-forwarded-for}. */
    Reply loginFrom(String client, String email, String password) {
        return loginWith("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                Map.of("X-Forwarded-For", client));
    }

    Reply loginWith(String json, Map<String, String> headers) {
        return Rest.send(authHttp, Method.POST, "/api/v1/auth/login", Optional.of(json), Optional.empty(), headers);
    }

    /** Logs in and answers the token pair. */
    JsonNode tokens(String email, String password) {
        return login(email, password).expect(200).json();
    }

    String accessToken(String email) {
        return tokens(email, PASSWORD).get("access_token").asText();
    }

    /** A new customer, logged in: answers their access token. */
    Customer newCustomer() {
        String email = "c-" + UUID.randomUUID() + "@example.com";
        String id = register(email);
        return new Customer(id, email, accessToken(email));
    }

    record Customer(String id, String email, String token) {
    }

    // ---- gRPC

    UserServiceGrpc.UserServiceBlockingStub userGrpc() {
        return UserServiceGrpc.newBlockingStub(userChannel);
    }

    UserServiceGrpc.UserServiceBlockingStub userGrpc(String token) {
        return TestServices.withToken(userGrpc(), token);
    }

    /** User's gRPC API as the auth service calls it (the account lookup of a refresh). */
    UserServiceGrpc.UserServiceBlockingStub userGrpcFromAuth() {
        return UserServiceGrpc.newBlockingStub(userFromAuth);
    }

    /** Payment's gRPC API as checkout calls it, acting for the holder of {@code token}. */
    PaymentServiceGrpc.PaymentServiceBlockingStub paymentGrpc(String token) {
        return TestServices.withToken(PaymentServiceGrpc.newBlockingStub(paymentChannel), token);
    }

    // ---- the database, to check what was (not) stored

    long count(String sql, Object... params) {
        return Long.parseLong(rows(sql, params).getFirst().getFirst());
    }

    /**
     * Every row of every table in the users schema and in payment's (where saved cards are vaulted), each as
     * Postgres's text form of the whole row.
     */
    List<String> everyStoredRow() {
        List<String> rows = new ArrayList<>(TestDatabase.everyRow(database, "users", "accounts", "addresses", "cards"));
        rows.addAll(TestDatabase.everyRow(database, "payments", "vault_cards", "payments", "payment_events"));
        return rows;
    }

    /** The total number of rows in the users schema: what a refused request must leave unchanged. */
    long storedRows() {
        return count("SELECT (SELECT count(*) FROM users.accounts) + (SELECT count(*) FROM users.addresses)"
                + " + (SELECT count(*) FROM users.cards)");
    }

    /** Runs SQL on the services' database; answers the rows of a query (as text), or the update count. */
    List<List<String>> rows(String sql, Object... params) {
        return TestDatabase.rows(database, sql, params);
    }
}
