package dev.meshmall.order.biz;

import java.util.Optional;
import java.util.UUID;

/** A checked line of an order to place: the product, how many, and the unit price the caller expects, if any. */
public record RequestedLine(UUID productId, int quantity, Optional<Money> expectedUnitPrice) {
}
