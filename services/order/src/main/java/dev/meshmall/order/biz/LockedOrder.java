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

    /**
     * Records that the owner cancelled the paid order, so that payment, asking order, sees it before it refunds;
     * the order stays PAID until then.
     */
    void requestRefund();

    /** Takes back the request of a refund that payment refused: the order is paid as it was. */
    void withdrawRefundRequest();

    /** A paid order cancelled by its owner once its payment is refunded: REFUNDED, reason USER. */
    Order refunded();
}
