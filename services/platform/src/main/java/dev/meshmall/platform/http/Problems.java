package dev.meshmall.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.meshmall.platform.db.DatabaseFailures;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.scope.RequestScope;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
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
        write(res, error.kind().httpStatus(), document(req, error));
    }

    private static Map<String, Object> document(ServerRequest req, DomainError error) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + error.code().replace('_', '-'));
        problem.put("title", error.kind().title());
        problem.put("status", error.kind().httpStatus());
        problem.put("detail", error.detail());
        problem.put("code", error.code());
        problem.put("instance", req.path().absolute().path());
        error.fields().forEach(problem::putIfAbsent);
        return problem;
    }

    private static void write(ServerResponse res, int status, Map<String, Object> problem) {
        RequestScope.current().ifPresent(scope -> res.header("x-request-id", scope.requestId()));
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        res.send(Json.write(problem));
    }

    /** Helidon's own refusals (no such route, wrong method, unreadable request) keep their status. */
    public static void sendHttp(ServerRequest req, ServerResponse res, HttpException error) {
        int status = error.status().code();
        if (status >= 500) {
            sendUnexpected(req, res, error);
            return;
        }
        ErrorKind kind = switch (status) {
            case 401 -> ErrorKind.UNAUTHENTICATED;
            case 403 -> ErrorKind.FORBIDDEN;
            case 404 -> ErrorKind.NOT_FOUND;
            case 413 -> ErrorKind.TOO_LARGE;
            default -> ErrorKind.MALFORMED;
        };
        String code = error.status().reasonPhrase().toLowerCase().replace(' ', '_');
        DomainError problem = new DomainError(kind, code, error.status().reasonPhrase());
        Map<String, Object> document = document(req, problem);
        document.put("status", status);
        document.put("title", error.status().reasonPhrase());
        write(res, status, document);
    }

    /**
     * Anything that is not a {@link DomainError} is a bug, logged with its stack and answered without it; but the
     * database out of reach is the service unavailable for now.
     */
    public static void sendUnexpected(ServerRequest req, ServerResponse res, Throwable error) {
        Optional<DomainError> unavailable = DatabaseFailures.unavailable(error);
        if (unavailable.isPresent()) {
            send(req, res, unavailable.get());
            return;
        }
        LOG.log(System.Logger.Level.ERROR, "unexpected error serving " + req.prologue().method().text() + " "
                + req.path().absolute().path(), error);
        send(req, res, new DomainError(ErrorKind.INTERNAL, "internal_error", "an unexpected error occurred"));
    }
}
