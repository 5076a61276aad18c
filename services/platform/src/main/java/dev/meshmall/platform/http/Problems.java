package dev.meshmall.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.scope.RequestScope;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Sends errors as RFC 9457 {@code application/problem+json} documents with a stable {@code code}. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://meshmall.dev/problems/";
    private static final System.Logger LOG = System.getLogger(Problems.class.getName());

    private Problems() {
    }

    public static void send(ServerRequest req, ServerResponse res, DomainError error) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + error.code().replace('_', '-'));
        problem.put("title", error.kind().title());
        problem.put("status", error.kind().httpStatus());
        problem.put("detail", error.detail());
        problem.put("code", error.code());
        problem.put("instance", req.path().absolute().path());
        error.fields().forEach(problem::putIfAbsent);
        RequestScope.current().ifPresent(scope -> res.header("x-request-id", scope.requestId()));
        res.status(Status.create(error.kind().httpStatus()));
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        res.send(Json.write(problem));
    }

    /** Anything that is not a {@link DomainError} is a bug: logged with its stack, answered without it. */
    public static void sendUnexpected(ServerRequest req, ServerResponse res, Throwable error) {
        LOG.log(System.Logger.Level.ERROR, "unexpected error serving " + req.prologue().method().text() + " "
                + req.path().absolute().path(), error);
        send(req, res, new DomainError(ErrorKind.INTERNAL, "internal_error", "an unexpected error occurred"));
    }
}
