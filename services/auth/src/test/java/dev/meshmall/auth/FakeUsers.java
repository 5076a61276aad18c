package dev.meshmall.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.platform.identity.LocalCa;
import dev.meshmall.proto.user.v1.Account;
import dev.meshmall.proto.user.v1.AccountStatus;
import dev.meshmall.proto.user.v1.GetAccountRequest;
import dev.meshmall.proto.user.v1.LoginRefusal;
import dev.meshmall.proto.user.v1.LoginRequest;
import dev.meshmall.proto.user.v1.LoginResponse;
import dev.meshmall.proto.user.v1.UserServiceGrpc;
import dev.meshmall.testing.TestServices;

import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.stub.StreamObserver;

/**
 * A stand-in for the user service on a real gRPC socket, answering auth's {@code Login} and {@code GetAccount}
 * for the accounts a test registers here (auth's tests cannot run the real user service: user's tests run
 * auth). One per test JVM, shared by every auth the tests start; each test registers accounts of its own. The
 * real pair, with user's password hashing and lockout, is tested in the user module.
 */
final class FakeUsers extends UserServiceGrpc.UserServiceImplBase {
    private static FakeUsers shared;

    private final Map<String, Registered> byEmail = new ConcurrentHashMap<>();
    private final Map<String, Registered> byId = new ConcurrentHashMap<>();
    private final Map<String, Long> throttled = new ConcurrentHashMap<>();
    private final Map<String, List<String>> clients = new ConcurrentHashMap<>();
    private final Server server;

    /** An account as user knows it; {@code status} can change. */
    static final class Registered {
        final String id;
        final String email;
        final String password;
        final List<String> roles;
        volatile AccountStatus status = AccountStatus.ACCOUNT_STATUS_ACTIVE;

        Registered(String id, String email, String password, List<String> roles) {
            this.id = id;
            this.email = email;
            this.password = password;
            this.roles = List.copyOf(roles);
        }
    }

    private FakeUsers() {
        try {
            LocalCa.Workload user = TestServices.workload("user");
            server = Grpc.newServerBuilderForPort(0, TlsServerCredentials.newBuilder()
                    .keyManager(user.certificate().toFile(), user.key().toFile())
                    .trustManager(user.ca().toFile())
                    .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                    .build()).addService(this).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("the fake user service cannot start", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "fake-users-shutdown"));
    }

    static synchronized FakeUsers shared() {
        if (shared == null) {
            shared = new FakeUsers();
        }
        return shared;
    }

    /** Where auth finds it: {@code services.user.grpc}. */
    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /** A new active account with these roles, its email and password made up from its id. */
    Registered registerWithId(String userId, String... roles) {
        String email = "user-" + userId + "@example.com";
        Registered account = new Registered(userId, email, "password of " + userId, List.of(roles));
        byEmail.put(email, account);
        byId.put(userId, account);
        return account;
    }

    Registered register(String... roles) {
        return registerWithId(UUID.randomUUID().toString(), roles);
    }

    /** From now on, logins to this account are refused as too many attempts. */
    void throttle(Registered account, long retryAfterSeconds) {
        throttled.put(account.email, retryAfterSeconds);
    }

    /** The client addresses auth reported with each login to this account, oldest first. */
    List<String> clientsOf(Registered account) {
        return List.copyOf(clients.getOrDefault(account.email, List.of()));
    }

    @Override
    public void login(LoginRequest request, StreamObserver<LoginResponse> response) {
        if (request.getEmail().isBlank() || request.getPassword().isEmpty()) {
            response.onError(GrpcErrors.toStatus(DomainError.invalid("email", "email and password are required")));
            return;
        }
        String email = request.getEmail().strip().toLowerCase(Locale.ROOT);
        clients.computeIfAbsent(email, e -> new CopyOnWriteArrayList<>()).add(request.getClientAddress());
        Optional<Registered> account = Optional.ofNullable(byEmail.get(email))
                .filter(a -> a.status != AccountStatus.ACCOUNT_STATUS_DELETED);
        LoginResponse.Builder answer = LoginResponse.newBuilder();
        if (account.isPresent() && throttled.containsKey(email)) {
            answer.setRefusal(LoginRefusal.newBuilder().setReason(LoginRefusal.Reason.REASON_TOO_MANY_ATTEMPTS)
                    .setRetryAfterSeconds(throttled.get(email)));
        } else if (account.isPresent() && account.get().password.equals(request.getPassword())) {
            answer.setAccount(account(account.get()));
        } else {
            answer.setRefusal(LoginRefusal.newBuilder().setReason(LoginRefusal.Reason.REASON_INVALID_CREDENTIALS));
        }
        response.onNext(answer.build());
        response.onCompleted();
    }

    @Override
    public void getAccount(GetAccountRequest request, StreamObserver<Account> response) {
        Registered account = byId.get(request.getUserId());
        if (account == null) {
            response.onError(Status.NOT_FOUND.withDescription("user not found").asRuntimeException());
            return;
        }
        response.onNext(account(account));
        response.onCompleted();
    }

    private static Account account(Registered account) {
        return Account.newBuilder()
                .setUserId(account.id)
                .setEmail(account.email)
                .addAllRoles(account.roles)
                .setStatus(account.status)
                .build();
    }
}
