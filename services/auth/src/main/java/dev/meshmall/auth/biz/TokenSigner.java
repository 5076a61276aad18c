package dev.meshmall.auth.biz;

/** Turns claims into a compact signed JWT with the given key, its id in the header. */
public interface TokenSigner {
    String sign(AccessClaims claims, SigningKey key);
}
