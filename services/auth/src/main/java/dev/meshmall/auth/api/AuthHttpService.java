package dev.meshmall.auth.api;

import dev.meshmall.auth.biz.TokenPair;
import dev.meshmall.auth.biz.Tokens;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.http.Json;
import dev.meshmall.platform.scope.RequestScope;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/v1/auth}: refresh (public) and logout (the caller). Login lives in the user service. */
public final class AuthHttpService implements HttpService {
    private final Tokens tokens;

    public AuthHttpService(Tokens tokens) {
        this.tokens = tokens;
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
        rules.post("/refresh", this::refresh)
                .post("/logout", this::logout);
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
}
