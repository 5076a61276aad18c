package dev.meshmall.auth.biz;

/** An account's standing; only ACTIVE accounts get tokens. UNKNOWN is a status auth does not understand. */
public enum AccountStatus {
    ACTIVE,
    BANNED,
    DELETED,
    UNKNOWN
}
