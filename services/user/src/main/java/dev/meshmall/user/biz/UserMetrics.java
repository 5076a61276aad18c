package dev.meshmall.user.biz;

/** Business counters: registrations, and logins by outcome. */
public interface UserMetrics {
    void registered();

    void login(LoginOutcome outcome);
}
