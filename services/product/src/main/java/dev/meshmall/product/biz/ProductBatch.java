package dev.meshmall.product.biz;

import java.util.List;

/** The answer to a batch read: the products found and the ids asked for that name no product for sale. */
public record ProductBatch(List<Product> found, List<String> missingIds) {
    public ProductBatch {
        found = List.copyOf(found);
        missingIds = List.copyOf(missingIds);
    }
}
