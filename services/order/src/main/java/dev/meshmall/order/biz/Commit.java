package dev.meshmall.order.biz;

/** What product answered to turning an order's reservation into a sale. */
public enum Commit {
    COMMITTED,
    /** The reservation had been released: the stock may be sold to someone else already. */
    ALREADY_RELEASED,
    /** No stock was ever reserved for the order. */
    NOT_RESERVED
}
