package dev.meshmall.platform.http;

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
import dev.meshmall.platform.metrics.Timers;
import dev.meshmall.platform.scope.RequestScope;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.RoutedPath;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The entry of every REST request: takes the request id and trace headers, verifies the bearer token unless
 * the route is public, runs the handler inside the {@link RequestScope}, then writes one access log line and
 * records the request's time per route.
 */
public final class HttpEdge implements Filter {
    private static final Logger ACCESS = Logger.getLogger(Logs.ACCESS_LOGGER);
    private static final Timers REQUESTS = new Timers("meshmall.http.requests",
            "REST requests by route, method and status", "method", "route", "status");
    private static final String BEARER = "Bearer ";

    private final TokenVerifier verifier;
    private final PublicRoutes publicRoutes;

    public HttpEdge(TokenVerifier verifier, PublicRoutes publicRoutes) {
        this.verifier = verifier;
        this.publicRoutes = publicRoutes;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String method = req.prologue().method().text();
        String rawPath = req.path().path();
        Map<String, String> trace = new LinkedHashMap<>();
        for (String name : RequestScope.TRACE_HEADERS) {
            req.headers().first(HeaderNames.create(name)).ifPresent(value -> trace.put(name, value));
        }
        String requestId = trace.computeIfAbsent("x-request-id", k -> RequestScope.newRequestId());
        res.header("x-request-id", requestId);

        Optional<Caller> caller;
        try {
            caller = authenticate(req.headers().first(HeaderNames.AUTHORIZATION), publicRoutes.isPublic(method, rawPath));
        } catch (DomainError e) {
            RequestScope scope = new RequestScope(requestId, trace, Optional.empty(), Optional.empty());
            scope.run(() -> {
                res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
                Problems.send(req, res, e);
                access(method, rawPath, rawPath, res.status().code(), start);
            });
            return;
        }
        RequestScope scope = new RequestScope(requestId, trace, caller, Optional.empty());
        scope.run(() -> {
            try {
                chain.proceed();
            } finally {
                access(method, rawPath, template(rawPath, req.path(), res.status().code()), res.status().code(), start);
            }
        });
    }

    private Optional<Caller> authenticate(Optional<String> authorization, boolean isPublic) {
        Optional<String> token = authorization.filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(h -> h.substring(BEARER.length()).trim());
        if (token.isEmpty()) {
            if (isPublic) {
                return Optional.empty();
            }
            throw DomainError.unauthenticated("a bearer token is required");
        }
        try {
            return Optional.of(verifier.verify(token.get()));
        } catch (DomainError e) {
            if (isPublic) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static void access(String method, String path, String route, int status, long start) {
        long nanos = System.nanoTime() - start;
        REQUESTS.timer(method, route, Integer.toString(status)).record(nanos, TimeUnit.NANOSECONDS);
        if (ACCESS.isLoggable(Level.INFO)) {
            ACCESS.info(method + " " + path + " " + status + " " + TimeUnit.NANOSECONDS.toMillis(nanos) + "ms");
        }
    }

    /**
     * The matched route with its parameters named ({@code /api/v1/users/me/addresses/{id}}), for metrics; an
     * unknown path counts as {@code unmatched} so scanners cannot grow the metric without bound.
     */
    /**
     * The route of a request for its timer: the whole path as the client sent it (a service's own routing sees
     * only the part under its prefix), with each path parameter's value replaced by its name.
     */
    static String template(String rawPath, RoutedPath routed, int status) {
        Parameters params = routed.pathParameters();
        if (status == 404 && params.names().isEmpty()) {
            return "unmatched";
        }
        String result = rawPath;
        for (String name : params.names()) {
            String value = params.get(name);
            if (!value.isEmpty()) {
                result = result.replace("/" + value, "/{" + name + "}");
            }
        }
        return result;
    }
}
