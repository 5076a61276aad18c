package dev.meshmall.product.biz;

import java.util.List;

/**
 * The fields of a product as a merchant gives them; {@link ProductRules#check(ProductDraft)} answers the
 * normalised, valid form the store saves.
 */
public record ProductDraft(String name, String description, String pictureUrl, Money price, List<String> categories,
                           int stock) {
    public ProductDraft {
        categories = List.copyOf(categories);
    }
}
