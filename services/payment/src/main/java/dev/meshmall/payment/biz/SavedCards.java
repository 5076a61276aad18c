package dev.meshmall.payment.biz;

/** The caller's saved cards, kept by the user service. */
public interface SavedCards {
    /** One of the caller's cards; NOT_FOUND when absent or another user's. */
    SavedCard find(String cardId);
}
