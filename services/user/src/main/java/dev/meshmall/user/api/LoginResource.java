package dev.meshmall.user.api;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.http.Json;
import dev.meshmall.platform.http.Problems;
import dev.meshmall.user.biz.Login;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code POST /api/v1/auth/login}: a password for tokens. Refresh and logout are auth's own routes. */
public final class LoginResource implements HttpService {
    public static final String PATH = "/api/v1/auth";

    private final Login login;

    public LoginResource(Login login) {
        this.login = login;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/login", this::login);
    }

    private void login(ServerRequest req, ServerResponse res) {
        Bodies.Login body = Json.read(req, Bodies.Login.class);
        try {
            Bodies.Tokens tokens = Bodies.Tokens.of(login.login(Requests.text(body.email()), Requests.text(body.password())));
            res.header(HeaderNames.CACHE_CONTROL, "no-store").send(tokens);
        } catch (DomainError e) {
            if (e.kind() == ErrorKind.TOO_MANY_ATTEMPTS && e.fields().get("retry_after") instanceof Long seconds) {
                res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
            }
            // sent here: the routing's error handler would drop the header
            Problems.send(req, res, e);
        }
    }
}
