package dev.meshmall.platform.scope;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.identity.Caller;

import io.grpc.Context;

/**
 * What the platform knows of the request being served, for HTTP and gRPC alike: the request id, the trace
 * headers to forward, the verified end user and, on a gRPC call, the workload that made it. It lives in an {@link io.grpc.Context}, which both edges attach
 * around the handler, so business code, outbound gRPC calls and log lines read the same values.
 */
public record RequestScope(String requestId, Map<String, String> traceHeaders, Optional<Caller> caller,
                           Optional<String> callingService) {
    /** The headers forwarded from each request to the calls it makes, as Istio's tracing needs. */
    public static final java.util.List<String> TRACE_HEADERS = java.util.List.of(
            "x-request-id", "traceparent", "tracestate", "b3",
            "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags");

    private static final Context.Key<RequestScope> KEY = Context.key("meshmall.request-scope");

    public RequestScope {
        traceHeaders = Map.copyOf(traceHeaders);
    }

    public static Optional<RequestScope> current() {
        return Optional.ofNullable(KEY.get());
    }

    /** The verified caller of the current request, or UNAUTHENTICATED. */
    public static Caller requireCaller() {
        return current().flatMap(RequestScope::caller)
                .orElseThrow(() -> DomainError.unauthenticated("a bearer token is required"));
    }

    public static Optional<Caller> currentCaller() {
        return current().flatMap(RequestScope::caller);
    }

    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    public Context attach(Context context) {
        return context.withValue(KEY, this);
    }

    /** Runs {@code work} with this scope current. */
    public void run(Runnable work) {
        attach(Context.current()).run(work);
    }

    /** The W3C trace id, or the B3 one, for log lines. */
    public Optional<String> traceId() {
        String traceparent = traceHeaders.get("traceparent");
        if (traceparent != null) {
            String[] parts = traceparent.split("-");
            if (parts.length >= 2) {
                return Optional.of(parts[1]);
            }
        }
        return Optional.ofNullable(traceHeaders.get("x-b3-traceid"));
    }
}
