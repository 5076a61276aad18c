package dev.meshmall.order.biz;

/**
 * An order whose row is locked until the surrounding transaction ends, so that the calls to product and the
 * change of state they lead to happen for one actor at a time: a cancel, a payment and the auto-cancel job
 * never act on the same order at once.
 */
public interface LockedOrder {
    Order order();

    Order markPaid(java.util.UUID paymentId);

    Order cancel(CancelReason reason);

    /** A paid order cancelled by its owner once its payment is refunded: REFUNDED, reason USER. */
    Order refunded();

    /** Removes an order that never held stock (its reservation was refused); nothing of it remains. */
    void discard();
}
