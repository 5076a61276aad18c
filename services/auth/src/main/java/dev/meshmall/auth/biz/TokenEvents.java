package dev.meshmall.auth.biz;

/** What auth counts: token pairs issued, and refreshes by outcome. */
public interface TokenEvents {
    enum Grant {
        LOGIN,
        REFRESH
    }

    enum RefreshOutcome {
        ROTATED,
        REUSED,
        INVALID,
        DISABLED
    }

    void issued(Grant grant);

    void refreshed(RefreshOutcome outcome);
}
