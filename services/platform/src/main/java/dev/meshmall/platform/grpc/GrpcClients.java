package dev.meshmall.platform.grpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.meshmall.platform.identity.Caller;
import dev.meshmall.platform.scope.RequestScope;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.stub.AbstractStub;
import io.helidon.config.Config;

/**
 * One long-lived plaintext channel per peer, addressed by {@code services.<peer>.grpc} ({@code host:port}),
 * with an interceptor that forwards the current request's trace headers and, on user-scoped calls, the end
 * user's {@code authorization}. Under the mesh the sidecar adds mTLS, retries and timeouts.
 */
public final class GrpcClients implements AutoCloseable {
    private static final CallOptions.Key<Boolean> SYSTEM_CALL = CallOptions.Key.createWithDefault("meshmall.system-call", false);

    private final Config services;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    public GrpcClients(Config config) {
        this.services = config.get("services");
    }

    /** The channel to {@code peer}, created on first use; calls through it forward the request's headers. */
    public Channel channel(String peer) {
        ManagedChannel channel = channels.computeIfAbsent(peer, name -> {
            String target = services.get(name).get("grpc").asString()
                    .orElseThrow(() -> new IllegalStateException("services." + name + ".grpc is not configured"));
            return Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
        });
        return ClientInterceptors.intercept(channel, new Forwarding());
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

    private static final class Forwarding implements ClientInterceptor {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
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
