package dev.meshmall.checkout.biz;

import java.util.Optional;

/** A shopper's request to buy their cart; without a payment choice the order waits for payment. */
public record CheckoutRequest(String idempotencyKey, Optional<AddressChoice> address, Optional<PaymentChoice> payment,
                             String email) {
}
