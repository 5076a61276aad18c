package dev.meshmall.cart.biz;

import java.util.UUID;

/** What the cart shows of a product on sale, as the catalog tells it now. */
public record Product(UUID id, String name, String pictureUrl, Money price) {
}
