package dev.meshmall.product.biz;

/** Where an order's reservation stands: held, given back (cancelled) or sold (paid). */
public enum ReservationState {
    RESERVED,
    RELEASED,
    COMMITTED
}
