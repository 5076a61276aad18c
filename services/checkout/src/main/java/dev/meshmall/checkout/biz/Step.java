package dev.meshmall.checkout.biz;

/** The remote steps of a checkout, each timed on its own. */
public enum Step {
    CART,
    PRICES,
    PLACE,
    CHARGE,
    MARK_PAID,
    EMPTY
}
