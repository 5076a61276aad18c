package dev.meshmall.product.biz;

/** Business counters: reservations by outcome. */
public interface ProductMetrics {
    void reservation(ReservationEvent event);
}
