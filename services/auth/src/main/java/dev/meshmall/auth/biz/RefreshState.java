package dev.meshmall.auth.biz;

/** Where a refresh token stands; USED wins over the others, since presenting a used token is a reuse. */
public enum RefreshState {
    LIVE,
    USED,
    REVOKED,
    EXPIRED
}
