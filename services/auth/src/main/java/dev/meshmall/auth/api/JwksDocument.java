package dev.meshmall.auth.api;

import java.util.List;
import java.util.Map;

import dev.meshmall.auth.biz.SigningKey;
import dev.meshmall.platform.http.Json;

/** The JWK Set (RFC 7517) of the published keys, served by REST and by gRPC alike. */
final class JwksDocument {
    private JwksDocument() {
    }

    static byte[] json(List<SigningKey> keys) {
        return Json.write(Map.of("keys", keys.stream().map(SigningKey::publicJwk).toList()));
    }
}
