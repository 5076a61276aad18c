package dev.meshmall.product.biz;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A product for sale, with the units available now; {@code categories} are slugs, sorted. */
public record Product(UUID id, String name, String description, String pictureUrl, Money price,
                      List<String> categories, int stock, Instant createdAt, Instant updatedAt) {
    public Product {
        categories = List.copyOf(categories);
    }
}
