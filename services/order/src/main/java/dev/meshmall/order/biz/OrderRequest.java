package dev.meshmall.order.biz;

import java.util.List;
import java.util.Optional;

/** An order as a client asks for it, before any rule is checked. Absent texts are {@code ""}. */
public record OrderRequest(String idempotencyKey, List<Line> items, String currency, String email, Address address) {
    public OrderRequest {
        items = List.copyOf(items);
    }

    /**
     * One requested line; {@code productId} is the raw text the client sent, {@code expectedUnitPrice} the price
     * its shopper was shown, if it said one. The name and the price of the line are the catalog's.
     */
    public record Line(String productId, int quantity, Optional<Money> expectedUnitPrice) {
    }
}
