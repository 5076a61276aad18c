package dev.meshmall.order.biz;

import java.util.List;

/** An order as a client asks for it, before any rule is checked. Absent texts are {@code ""}. */
public record OrderRequest(String idempotencyKey, List<Line> items, String currency, String email, Address address) {
    public OrderRequest {
        items = List.copyOf(items);
    }

    /** One requested line; {@code productId} is the raw text the client sent. */
    public record Line(String productId, String name, int quantity, Money unitPrice) {
    }
}
