-- The keys access tokens are signed with. The public JWK is kept in clear (it is published anyway); the
-- private key is PKCS#8 sealed with AES-256-GCM under a key derived from auth.signing.key-secret.
-- generation orders the keys and lets only one of several replicas rotating at once create the next key.
CREATE TABLE auth.signing_keys (
    kid         text        PRIMARY KEY,
    generation  bigint      NOT NULL UNIQUE,
    algorithm   text        NOT NULL CHECK (algorithm IN ('ES256', 'RS256')),
    public_jwk  jsonb       NOT NULL,
    private_key bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz
);

-- Opaque refresh tokens, stored only as the SHA-256 of their value. A login starts a family; each refresh
-- uses up one token (used_at) and adds its successor to the same family.
CREATE TABLE auth.refresh_tokens (
    id          uuid        PRIMARY KEY,
    family_id   uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    token_hash  bytea       NOT NULL UNIQUE,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);

CREATE INDEX refresh_tokens_family ON auth.refresh_tokens (family_id);
CREATE INDEX refresh_tokens_live_by_user ON auth.refresh_tokens (user_id) WHERE used_at IS NULL AND revoked_at IS NULL;
CREATE INDEX refresh_tokens_expiry ON auth.refresh_tokens (expires_at);
