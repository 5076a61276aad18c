package dev.meshmall.checkout.biz;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a checkout or a payment answers: the order as charged and how the charge went. */
public record Receipt(UUID orderId, Optional<UUID> paymentId, OrderStatus status, Money total, List<PricedItem> items,
                      Optional<PaymentStatus> paymentStatus, String declineCode) {
    public Receipt {
        items = List.copyOf(items);
    }

    public boolean declined() {
        return paymentStatus.filter(s -> s == PaymentStatus.DECLINED).isPresent();
    }
}
