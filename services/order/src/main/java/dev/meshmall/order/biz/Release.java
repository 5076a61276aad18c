package dev.meshmall.order.biz;

/** What product answered to putting an order's reserved stock back on sale. */
public enum Release {
    /** Back on sale (or nothing was held: the key is recorded as released, so a late reservation fails). */
    RELEASED,
    /** The stock was already sold to the order: the order was paid. */
    ALREADY_COMMITTED
}
