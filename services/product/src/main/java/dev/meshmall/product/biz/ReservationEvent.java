package dev.meshmall.product.biz;

/** What the business counter of reservations counts. */
public enum ReservationEvent {
    RESERVED,
    REFUSED,
    RELEASED,
    COMMITTED
}
