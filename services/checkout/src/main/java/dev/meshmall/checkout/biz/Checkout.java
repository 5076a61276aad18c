package dev.meshmall.checkout.biz;

import java.util.Optional;
import java.util.UUID;

/**
 * A checkout as recorded: its state, the draft once priced, the order and payment once known, and how it ended.
 * A failure is an error the checkout ended with after its order was placed, answered again to a retry.
 */
public record Checkout(UUID id, UUID owner, Kind kind, CheckoutState state, String requestHash, boolean paysNow,
                       Optional<Draft> draft, Optional<UUID> orderId, Optional<UUID> paymentId,
                       Optional<PaymentStatus> paymentStatus, String declineCode, Optional<OrderStatus> orderStatus,
                       Optional<Failure> failure) {

    public Draft requireDraft() {
        return draft.orElseThrow(() -> missing("draft"));
    }

    public UUID requireOrder() {
        return orderId.orElseThrow(() -> missing("order"));
    }

    public UUID requirePayment() {
        return paymentId.orElseThrow(() -> missing("payment"));
    }

    private IllegalStateException missing(String what) {
        return new IllegalStateException("checkout " + id + " in " + state + " has no " + what);
    }

    /** An error a checkout ended with: the kind and code of the platform's DomainError, and its detail. */
    public record Failure(String kind, String code, String detail) {
    }
}
