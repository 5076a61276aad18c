package dev.meshmall.platform.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.meshmall.platform.identity.Caller;
import dev.meshmall.platform.identity.LocalCa;
import dev.meshmall.platform.identity.WorkloadIdentity;
import dev.meshmall.platform.scope.RequestScope;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.AbstractStub;
import io.helidon.config.Config;

/**
 * The one outbound gRPC client of a service: one long-lived channel per peer, addressed by
 * {@code services.<peer>.grpc} ({@code host:port}), that proves this service's identity (its own mTLS certificate
 * outside the mesh; under the mesh a plaintext channel, the sidecar adding mTLS, retries and timeouts), gives every
 * call without one the deadline {@code grpc.client.deadline} (10 s), and forwards the current request's trace
 * headers and, on user-scoped calls, the end user's {@code authorization}; a call cut off by its server's GOAWAY
 * PROTOCOL_ERROR is sent once more ({@link GoAwayRetry}).
 */
public final class GrpcClients implements AutoCloseable {
    private static final CallOptions.Key<Boolean> SYSTEM_CALL = CallOptions.Key.createWithDefault("meshmall.system-call", false);

    private final Config services;
    private final ChannelCredentials credentials;
    private final Supplier<Duration> deadline;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    public GrpcClients(Config config, WorkloadIdentity identity) {
        this.services = config.get("services");
        this.credentials = identity.tls().map(GrpcClients::mutualTls).orElseGet(InsecureChannelCredentials::create);
        this.deadline = config.get("grpc.client.deadline").as(Duration.class).supplier(Duration.ofSeconds(10));
    }

    /** The credentials of a channel that proves {@code workload}'s identity and trusts its CA's peers only. */
    public static ChannelCredentials mutualTls(LocalCa.Workload workload) {
        try {
            return TlsChannelCredentials.newBuilder()
                    .keyManager(workload.certificate().toFile(), workload.key().toFile())
                    .trustManager(workload.ca().toFile())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this service's certificate " + workload.certificate(), e);
        }
    }

    /** The channel to {@code peer}, created on first use; calls through it forward the request's headers. */
    public Channel channel(String peer) {
        ManagedChannel channel = channels.computeIfAbsent(peer, name -> {
            String target = services.get(name).get("grpc").asString()
                    .orElseThrow(() -> new IllegalStateException("services." + name + ".grpc is not configured"));
            return Grpc.newChannelBuilder(target, credentials).build();
        });
        return ClientInterceptors.intercept(channel, new Forwarding(deadline), new GoAwayRetry());
    }

    /** Makes one call, its failure the domain error the callee answered (decoded once, by {@link GrpcErrors}). */
    public static <T> T call(Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toDomain(e);
        }
    }

    /**
     * Marks calls of {@code stub} as made by the system itself (a scheduled job, a refresh), so the end user's
     * token is not forwarded even inside a user's request.
     */
    public static <S extends AbstractStub<S>> S asSystem(S stub) {
        return stub.withOption(SYSTEM_CALL, true);
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : channels.values()) {
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.shutdownNow();
            }
        }
    }

    private record Forwarding(Supplier<Duration> deadline) implements ClientInterceptor {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            CallOptions bounded = options.getDeadline() == null
                    ? options.withDeadlineAfter(deadline.get().toMillis(), TimeUnit.MILLISECONDS) : options;
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, bounded)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    RequestScope.current().ifPresent(scope -> {
                        scope.traceHeaders().forEach((name, value) ->
                                headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
                        if (!options.getOption(SYSTEM_CALL)) {
                            scope.caller().map(Caller::token).ifPresent(token ->
                                    headers.put(GrpcEdge.AUTHORIZATION, "Bearer " + token));
                        }
                    });
                    super.start(listener, headers);
                }
            };
        }
    }
}
