package dev.meshmall.user.biz;

/** Whether an account can log in: a ban can be lifted, a deletion is final. */
public enum AccountStatus {
    ACTIVE,
    BANNED,
    DELETED
}
