package dev.meshmall.auth.api;

import dev.meshmall.auth.biz.Credentials;
import dev.meshmall.auth.biz.TokenPair;
import dev.meshmall.auth.biz.Tokens;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.http.Json;
import dev.meshmall.platform.http.Problems;
import dev.meshmall.platform.scope.RequestScope;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/v1/auth}: login and refresh (public), logout (the caller). */
public final class AuthHttpService implements HttpService {
    private final Tokens tokens;

    public AuthHttpService(Tokens tokens) {
        this.tokens = tokens;
    }

    record LoginRequest(String email, String password) {
        @Override
        public String toString() {
            return "LoginRequest[email=" + email + "]";
        }
    }

    record RefreshRequest(String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[redacted]";
        }
    }

    record TokenPairResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {
        static TokenPairResponse of(TokenPair pair) {
            return new TokenPairResponse(pair.accessToken(), pair.refreshToken(), "Bearer", pair.expiresInSeconds());
        }

        @Override
        public String toString() {
            return "TokenPairResponse[expiresIn=" + expiresIn + "]";
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/login", this::login)
                .post("/refresh", this::refresh)
                .post("/logout", this::logout);
    }

    private void login(ServerRequest req, ServerResponse res) {
        LoginRequest body = Json.read(req, LoginRequest.class);
        Credentials credentials = new Credentials(text(body.email()), text(body.password()), ClientAddress.of(req));
        try {
            TokenPair pair = tokens.login(credentials);
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.send(TokenPairResponse.of(pair));
        } catch (DomainError e) {
            if (e.kind() == ErrorKind.TOO_MANY_ATTEMPTS && e.fields().get("retry_after") instanceof Long seconds) {
                res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
            }
            // sent here: the routing's error handler would drop the header
            Problems.send(req, res, e);
        }
    }

    private void refresh(ServerRequest req, ServerResponse res) {
        RefreshRequest body = Json.read(req, RefreshRequest.class);
        if (body.refreshToken() == null) {
            throw DomainError.invalid("refresh_token", "refresh_token is required");
        }
        TokenPair pair = tokens.refresh(body.refreshToken());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(TokenPairResponse.of(pair));
    }

    private void logout(ServerRequest req, ServerResponse res) {
        tokens.revokeAll(RequestScope.requireCaller().userId());
        res.status(Status.NO_CONTENT_204).send();
    }

    /** An absent field is empty: the rules then name it as required. */
    private static String text(String value) {
        return value == null ? "" : value;
    }
}
