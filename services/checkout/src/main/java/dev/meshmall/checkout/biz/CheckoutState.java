package dev.meshmall.checkout.biz;

/**
 * Where a checkout stands, recorded before and after each remote call. A state ending in -ING is recorded
 * before its call is sent; the others after its answer. COMPLETED and ABANDONED are final.
 */
public enum CheckoutState {
    /** The request is recorded; nothing was sent that changes anything. */
    NEW,
    /** The cart is priced and the draft of the order recorded: PlaceOrder is about to be sent, keyed by the id. */
    PLACING,
    /** The order is placed (stock reserved) and its id recorded: Charge is about to be sent, keyed by the id. */
    CHARGING,
    /** The processor has not decided yet; the payment id is recorded. */
    CHARGE_PENDING,
    /** The charge succeeded; the payment id is recorded. */
    CHARGED,
    /** The charge was declined; the order is to be cancelled (a checkout) or left waiting (a payment). */
    DECLINED,
    COMPLETED,
    /** Given up by recovery before an order was known: nothing to compensate. */
    ABANDONED;

    public boolean isFinal() {
        return this == COMPLETED || this == ABANDONED;
    }
}
