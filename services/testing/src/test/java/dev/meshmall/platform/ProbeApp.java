package dev.meshmall.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.platform.http.Json;
import dev.meshmall.platform.identity.Access;
import dev.meshmall.platform.identity.Caller;
import dev.meshmall.platform.identity.GrpcAccess;
import dev.meshmall.platform.identity.KeySource;
import dev.meshmall.platform.scope.RequestScope;

import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import com.google.rpc.ErrorInfo;
import io.grpc.BindableService;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.helidon.dbclient.DbClient;

/**
 * A service made only of platform parts, so the platform is tested as a service uses it: one gRPC method
 * ({@code probe.Probe/Whoami}, string in, string out) and a few REST routes.
 */
final class ProbeApp implements ServiceApp {
    static final MethodDescriptor<String, String> WHOAMI = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("probe.Probe/Whoami")
            .setRequestMarshaller(new Utf8())
            .setResponseMarshaller(new Utf8())
            .build();

    static final Metadata.Key<String> SERVED_BY = Metadata.Key.of("probe-served-by", Metadata.ASCII_STRING_MARSHALLER);
    static final Duration SLOW = Duration.ofSeconds(3);

    /** The shop's table, and the probe's one method: end users, or the probe service itself. */
    static final GrpcAccess ACCESS = GrpcAccess.shop().with(WHOAMI.getFullMethodName(), Access.users().orServices("probe"));

    private final KeySource keys;

    ProbeApp(KeySource keys) {
        this.keys = keys;
    }

    record Echo(String name, int quantity) {
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public Optional<String> schema() {
        return Optional.of("probe");
    }

    @Override
    public Wiring wire(ServiceContext context) {
        Supplier<String> greeting = context.config().get("greeting").asString().supplier("none");
        GrpcClients clients = context.clients();
        DbClient db = context.db();
        return Wiring.builder()
                .keys(keys)
                .grpc(whoami())
                .http(routing -> routing
                        .get("/api/v1/ping", (req, res) -> res.send(greeting.get()))
                        .register("/api/v1/things", rules -> rules.get("/{id}",
                                (req, res) -> res.send(req.path().pathParameters().get("id"))))
                        .post("/api/v1/echo", (req, res) -> res.send(Json.read(req, Echo.class)))
                        .get("/api/v1/me", (req, res) -> res.send(Map.of("user_id", RequestScope.requireCaller().userId())))
                        .get("/api/v1/admin", (req, res) -> {
                            RequestScope.requireCaller().requireAnyRole(Caller.ADMIN);
                            res.send("welcome");
                        })
                        .get("/api/v1/conflict", (req, res) -> {
                            throw DomainError.conflict("out_of_stock", "the last one was just sold");
                        })
                        .get("/api/v1/bug", (req, res) -> {
                            throw new IllegalStateException("secret internals");
                        })
                        .post("/api/v1/notes", (req, res) -> {
                            db.execute().createNamedInsert("insert-note").addParam("body", "a note").execute();
                            res.send(Map.of("notes", db.execute().namedGet("count-notes").orElseThrow()
                                    .column("n").getLong()));
                        })
                        .get("/api/v1/relay", (req, res) -> res.send(ClientCalls.blockingUnaryCall(
                                clients.channel("self"), WHOAMI, io.grpc.CallOptions.DEFAULT, "relay"))))
                .build();
    }

    /**
     * Answers what the call carried: the caller's id (or "service:" and the calling service) and the traceparent it saw, with a
     * {@code probe-served-by} trailer. Some requests misbehave on purpose: {@code fail} is a domain error,
     * {@code invalid} one with a typed detail of the method's own, {@code detailed} a status with a {@code google.rpc.Status} detail, {@code bug} an unexpected exception,
     * {@code slow} answers after {@link #SLOW}.
     */
    private static BindableService whoami() {
        ServerServiceDefinition definition = ServerServiceDefinition.builder("probe.Probe")
                .addMethod(WHOAMI, ServerCalls.asyncUnaryCall((request, observer) -> {
                    switch (request) {
                        case "fail" -> throw DomainError.notFound("probe");
                        case "invalid" -> throw GrpcErrors.toStatus(DomainError.invalid("email", "not an address"),
                                StringValue.of("a typed detail"));
                        case "detailed" -> throw StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                                .setCode(Status.Code.FAILED_PRECONDITION.value())
                                .setMessage("not enough stock")
                                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("OUT_OF_STOCK")
                                        .setDomain("meshmall.dev").putMetadata("product_id", "p-1").build()))
                                .build());
                        case "bug" -> throw new IllegalStateException("secret internals");
                        case "slow" -> sleep(SLOW);
                        default -> { }
                    }
                    RequestScope scope = RequestScope.current().orElseThrow();
                    String who = scope.caller().map(Caller::userId).orElse("service:" + scope.callingService().orElse("?"));
                    observer.onNext(who + " " + scope.traceHeaders().getOrDefault("traceparent", "-"));
                    observer.onCompleted();
                }))
                .build();
        return () -> ServerInterceptors.intercept(definition, new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        trailers.put(SERVED_BY, "probe");
                        super.close(status, trailers);
                    }
                }, headers);
            }
        });
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Utf8 implements MethodDescriptor.Marshaller<String> {
        @Override
        public java.io.InputStream stream(String value) {
            return new java.io.ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(java.io.InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
