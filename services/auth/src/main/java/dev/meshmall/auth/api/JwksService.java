package dev.meshmall.auth.api;

import dev.meshmall.auth.biz.KeyRing;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /.well-known/jwks.json}: the public keys every service verifies tokens with. Public, and cacheable
 * for five minutes: by default a new key is published that long before it signs, so no cache misses it.
 */
public final class JwksService implements HttpService {
    private final KeyRing keys;

    public JwksService(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/jwks.json", this::jwks);
    }

    private void jwks(ServerRequest req, ServerResponse res) {
        res.header(HeaderValues.create(HeaderNames.CACHE_CONTROL, "public, max-age=300"));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(JwksDocument.json(keys.published()));
    }
}
