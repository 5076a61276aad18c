package dev.meshmall.order.biz;

import java.util.List;
import java.util.UUID;

/**
 * A checked order ready to store while its stock is reserved and its lines priced: {@code requestHash}
 * fingerprints what was asked, so a retry with the same idempotency key is told apart from the key reused for
 * another order.
 */
public record NewOrder(UUID owner, String idempotencyKey, String requestHash, List<RequestedLine> lines,
                       String currency, String email, Address address) {
    public NewOrder {
        lines = List.copyOf(lines);
    }
}
