package dev.meshmall.auth.data;

import java.util.Optional;

import dev.meshmall.auth.biz.KeyRing;
import dev.meshmall.platform.identity.KeySource;

import com.nimbusds.jose.jwk.JWK;

/** The key ring as the platform's token verifier sees it: auth checks its own tokens without HTTP. */
public final class RingKeySource implements KeySource {
    private final KeyRing ring;

    public RingKeySource(KeyRing ring) {
        this.ring = ring;
    }

    @Override
    public Optional<JWK> find(String keyId) {
        return ring.find(keyId).map(Jwks::verifying);
    }
}
