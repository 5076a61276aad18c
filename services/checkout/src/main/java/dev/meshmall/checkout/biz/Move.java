package dev.meshmall.checkout.biz;

import java.util.Optional;
import java.util.UUID;

/** A step's result as recorded: the state entered and what became known on the way. */
public record Move(CheckoutState to, Optional<Draft> draft, Optional<UUID> orderId, Optional<UUID> paymentId,
                   Optional<PaymentStatus> paymentStatus, String declineCode, Optional<OrderStatus> orderStatus,
                   Optional<Checkout.Failure> failure) {

    public static Move to(CheckoutState state) {
        return new Move(state, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "",
                Optional.empty(), Optional.empty());
    }

    /** The end of a checkout with the order in {@code status}. */
    public static Move completed(OrderStatus status) {
        return to(CheckoutState.COMPLETED).withOrderStatus(status);
    }

    public Move withDraft(Draft value) {
        return new Move(to, Optional.of(value), orderId, paymentId, paymentStatus, declineCode, orderStatus, failure);
    }

    public Move withOrder(UUID value) {
        return new Move(to, draft, Optional.of(value), paymentId, paymentStatus, declineCode, orderStatus, failure);
    }

    public Move withPayment(ChargeResult charge) {
        return new Move(to, draft, orderId, Optional.of(charge.paymentId()), Optional.of(charge.status()),
                charge.declineCode(), orderStatus, failure);
    }

    public Move withPaymentStatus(PaymentStatus value) {
        return new Move(to, draft, orderId, paymentId, Optional.of(value), declineCode, orderStatus, failure);
    }

    public Move withOrderStatus(OrderStatus value) {
        return new Move(to, draft, orderId, paymentId, paymentStatus, declineCode, Optional.of(value), failure);
    }

    public Move withFailure(Checkout.Failure value) {
        return new Move(to, draft, orderId, paymentId, paymentStatus, declineCode, orderStatus, Optional.of(value));
    }
}
