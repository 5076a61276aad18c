package dev.meshmall.platform.grpc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.identity.Caller;
import dev.meshmall.platform.identity.TokenVerifier;
import dev.meshmall.platform.log.Logs;
import dev.meshmall.platform.scope.RequestScope;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * The entry of every gRPC call, the twin of the HTTP edge: request id and trace headers from the metadata, the
 * end user's token verified when present (a call without one is a system call, which the mesh's
 * AuthorizationPolicy admits by service account), the handler run inside the {@link RequestScope}, domain
 * errors turned into statuses, one access log line and a timer per method. Helidon's gRPC server runs it in front
 * of every service; it also closes a call whose handler throws, which Helidon 4.5 would otherwise never answer.
 */
public final class GrpcEdge implements ServerInterceptor {
    private static final Logger ACCESS = Logger.getLogger(Logs.ACCESS_LOGGER);
    private static final Logger LOG = Logger.getLogger(GrpcEdge.class.getName());
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final TokenVerifier verifier;

    public GrpcEdge(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        long start = System.nanoTime();
        String method = call.getMethodDescriptor().getFullMethodName();
        Map<String, String> trace = new LinkedHashMap<>();
        for (String name : RequestScope.TRACE_HEADERS) {
            String value = headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
            if (value != null) {
                trace.put(name, value);
            }
        }
        String requestId = trace.computeIfAbsent("x-request-id", k -> RequestScope.newRequestId());
        ServerCall<Q, R> observed = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                access(method, status, start);
                super.close(status, trailers);
            }
        };

        Optional<Caller> caller;
        try {
            caller = Optional.ofNullable(headers.get(AUTHORIZATION))
                    .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                    .map(h -> verifier.verify(h.substring(7).trim()));
        } catch (DomainError e) {
            StatusRuntimeException status = GrpcErrors.toStatus(e);
            observed.close(status.getStatus(), status.getTrailers());
            return new ServerCall.Listener<>() { };
        }
        Context context = new RequestScope(requestId, trace, caller).attach(Context.current());
        ServerCall.Listener<Q> listener = Contexts.interceptCall(context, observed, headers, next);
        return new ErrorMapping<>(listener, observed);
    }

    private static void access(String method, Status status, long start) {
        long nanos = System.nanoTime() - start;
        Timer.Builder timer = Timer.builder("meshmall.grpc.calls")
                .description("gRPC calls served by method and status")
                .tags(java.util.List.of(Tag.create("method", method), Tag.create("status", status.getCode().name())));
        Metrics.globalRegistry().getOrCreate(timer).record(nanos, TimeUnit.NANOSECONDS);
        if (ACCESS.isLoggable(Level.INFO)) {
            ACCESS.info("grpc " + method + " " + status.getCode() + " " + TimeUnit.NANOSECONDS.toMillis(nanos) + "ms");
        }
    }

    /** Turns an exception thrown by a handler into the status its client sees, instead of UNKNOWN. */
    private static final class ErrorMapping<Q, R> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final ServerCall<Q, R> call;

        ErrorMapping(ServerCall.Listener<Q> delegate, ServerCall<Q, R> call) {
            super(delegate);
            this.call = call;
        }

        @Override
        public void onMessage(Q message) {
            guard(() -> super.onMessage(message));
        }

        @Override
        public void onHalfClose() {
            guard(super::onHalfClose);
        }

        private void guard(Runnable step) {
            try {
                step.run();
            } catch (DomainError e) {
                StatusRuntimeException status = GrpcErrors.toStatus(e);
                call.close(status.getStatus(), status.getTrailers());
            } catch (StatusRuntimeException e) {
                call.close(e.getStatus(), e.getTrailers() == null ? new Metadata() : e.getTrailers());
            } catch (RuntimeException e) {
                if (call.isCancelled() || e.getCause() instanceof InterruptedException) {
                    // the client went away (its deadline, a reset): Helidon interrupts the handler's write
                    LOG.fine(() -> "call cancelled by its client: " + call.getMethodDescriptor().getFullMethodName());
                    return;
                }
                LOG.log(Level.SEVERE, "unexpected error serving " + call.getMethodDescriptor().getFullMethodName(), e);
                call.close(Status.INTERNAL.withDescription("an unexpected error occurred"), new Metadata());
            }
        }
    }
}
