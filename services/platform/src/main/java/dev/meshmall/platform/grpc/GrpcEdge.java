package dev.meshmall.platform.grpc;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.meshmall.platform.db.DatabaseFailures;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.identity.Access;
import dev.meshmall.platform.identity.Caller;
import dev.meshmall.platform.identity.GrpcAccess;
import dev.meshmall.platform.identity.ServiceIdentity;
import dev.meshmall.platform.identity.TokenVerifier;
import dev.meshmall.platform.identity.WorkloadIdentity;
import dev.meshmall.platform.log.Logs;
import dev.meshmall.platform.metrics.Timers;
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
import io.helidon.webserver.grpc.ServerContextKeys;

/**
 * The entry of every gRPC call, the twin of the HTTP edge: request id and trace headers from the metadata; the
 * calling workload proven (its certificate, or the mesh's principal) and the end user's token verified when
 * present; the call admitted only as {@link GrpcAccess} says, failing closed (no identity UNAUTHENTICATED, the
 * wrong caller PERMISSION_DENIED); the handler run inside the {@link RequestScope}, domain errors turned into
 * statuses, one access log line and a timer per method. Helidon's gRPC server runs it in front
 * of every service; it also closes a call whose handler throws, which Helidon 4.5 would otherwise never answer.
 */
public final class GrpcEdge implements ServerInterceptor {
    private static final Logger ACCESS = Logger.getLogger(Logs.ACCESS_LOGGER);
    private static final Timers CALLS = new Timers("meshmall.grpc.calls", "gRPC calls served by method and status",
            "method", "status");
    private static final Logger LOG = Logger.getLogger(GrpcEdge.class.getName());
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> FORWARDED_CLIENT_CERT =
            Metadata.Key.of("x-forwarded-client-cert", Metadata.ASCII_STRING_MARSHALLER);
    private static final int URI_NAME = 6;
    private static final Status UNEXPECTED = Status.INTERNAL.withDescription("an unexpected error occurred");

    private final TokenVerifier verifier;
    private final WorkloadIdentity identity;
    private final GrpcAccess table;

    public GrpcEdge(TokenVerifier verifier, WorkloadIdentity identity, GrpcAccess table) {
        this.verifier = verifier;
        this.identity = identity;
        this.table = table;
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

        Context context;
        try {
            ServiceIdentity peer = peer(headers).orElseThrow(
                    () -> DomainError.unauthenticated("the call proves no workload identity"));
            Optional<Caller> caller = endUser(headers);
            Access access = table.of(method)
                    .orElseThrow(() -> DomainError.forbidden("no caller may call " + method));
            if (!access.admits(peer, caller)) {
                if (caller.isEmpty() && access.userRoles().isPresent()) {
                    throw DomainError.unauthenticated("a bearer token is required");
                }
                throw DomainError.forbidden(peer.account() + (caller.isPresent() ? " acting for this user" : "")
                        + " may not call " + method);
            }
            context = new RequestScope(requestId, trace, caller, Optional.of(peer.account())).attach(Context.current());
        } catch (DomainError e) {
            return new Refusal<>(observed, GrpcErrors.toStatus(e));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected error admitting a call of " + method, e);
            return new Refusal<>(observed, UNEXPECTED.asRuntimeException());
        }
        ServerCall.Listener<Q> listener = Contexts.interceptCall(context, observed, headers, next);
        return new ErrorMapping<>(listener, observed);
    }

    /**
     * The workload making the call: under the mesh the principal the sidecar forwards (the last element of
     * {@code x-forwarded-client-cert}, which the sidecar sets itself), else the URI SAN of the TLS peer
     * certificate. Either must be of this shop's trust domain and namespace.
     */
    private Optional<ServiceIdentity> peer(Metadata headers) {
        Optional<String> uri = identity.mesh()
                ? Optional.ofNullable(headers.get(FORWARDED_CLIENT_CERT)).flatMap(GrpcEdge::forwardedUri)
                : Optional.ofNullable(ServerContextKeys.CONNECTION_CONTEXT.get())
                        .flatMap(connection -> connection.remotePeer().tlsCertificates())
                        .flatMap(GrpcEdge::certificateUri);
        return uri.flatMap(ServiceIdentity::parse).filter(identity::ours);
    }

    /** The end user the call acts for: a bearer token, verified; anything else in {@code authorization} is refused. */
    private Optional<Caller> endUser(Metadata headers) {
        String authorization = headers.get(AUTHORIZATION);
        if (authorization == null) {
            return Optional.empty();
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw DomainError.unauthenticated("the authorization is not a bearer token");
        }
        return Optional.of(verifier.verify(authorization.substring(7).trim()));
    }

    /**
     * The {@code URI} of the last element of an {@code x-forwarded-client-cert} header (the immediate peer, which
     * the sidecar sets), read as Envoy writes it: elements split by commas, fields by semicolons, values possibly
     * quoted (a quoted {@code Subject} may hold either).
     */
    static Optional<String> forwardedUri(String header) {
        List<String> elements = splitOutsideQuotes(header, ',');
        for (String field : splitOutsideQuotes(elements.getLast(), ';')) {
            int eq = field.indexOf('=');
            if (eq > 0 && field.substring(0, eq).trim().equalsIgnoreCase("URI")) {
                return Optional.of(field.substring(eq + 1).trim().replace("\"", ""));
            }
        }
        return Optional.empty();
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                part.append(c);
            } else if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static Optional<String> certificateUri(Certificate[] chain) {
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return Optional.empty();
        }
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            return names == null ? Optional.empty() : names.stream()
                    .filter(name -> Integer.valueOf(URI_NAME).equals(name.get(0)))
                    .map(name -> (String) name.get(1))
                    .findFirst();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
    }

    private static void access(String method, Status status, long start) {
        long nanos = System.nanoTime() - start;
        CALLS.timer(method, status.getCode().name()).record(nanos, TimeUnit.NANOSECONDS);
        if (ACCESS.isLoggable(Level.INFO)) {
            ACCESS.info("grpc " + method + " " + status.getCode() + " " + TimeUnit.NANOSECONDS.toMillis(nanos) + "ms");
        }
    }

    /**
     * A refused call, answered once the client has sent all of it (its half-close) rather than at once: Helidon 4.5
     * ends the whole connection (GOAWAY, PROTOCOL_ERROR) when a client's frame reaches a stream it has already
     * closed, which fails the calls that share the connection.
     */
    private static final class Refusal<Q, R> extends ServerCall.Listener<Q> {
        private final ServerCall<Q, R> call;
        private final StatusRuntimeException refusal;

        Refusal(ServerCall<Q, R> call, StatusRuntimeException refusal) {
            this.call = call;
            this.refusal = refusal;
            call.request(1);
        }

        @Override
        public void onMessage(Q message) {
            call.request(1);
        }

        @Override
        public void onHalfClose() {
            close(call, refusal);
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
                close(call, GrpcErrors.toStatus(e));
            } catch (StatusRuntimeException e) {
                close(call, e);
            } catch (RuntimeException e) {
                if (call.isCancelled() || e.getCause() instanceof InterruptedException) {
                    // the client went away (its deadline, a reset): Helidon interrupts the handler's write
                    LOG.fine(() -> "call cancelled by its client: " + call.getMethodDescriptor().getFullMethodName());
                    return;
                }
                Optional<DomainError> unavailable = DatabaseFailures.unavailable(e);
                if (unavailable.isPresent()) {
                    close(call, GrpcErrors.toStatus(unavailable.get()));
                    return;
                }
                LOG.log(Level.SEVERE, "unexpected error serving " + call.getMethodDescriptor().getFullMethodName(), e);
                close(call, UNEXPECTED.asRuntimeException());
            }
        }
    }

    private static void close(ServerCall<?, ?> call, StatusRuntimeException status) {
        call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
    }
}
