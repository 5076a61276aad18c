package dev.meshmall.product.biz;

import java.util.List;
import java.util.Optional;

/** The fields to change on a product; an empty one keeps its value. */
public record ProductChange(Optional<String> name, Optional<String> description, Optional<String> pictureUrl,
                            Optional<Money> price, Optional<List<String>> categories, Optional<Integer> stock) {

    /** Every field set: a replacement of the whole product. */
    public static ProductChange replacing(ProductDraft draft) {
        return new ProductChange(Optional.of(draft.name()), Optional.of(draft.description()),
                Optional.of(draft.pictureUrl()), Optional.of(draft.price()), Optional.of(draft.categories()),
                Optional.of(draft.stock()));
    }
}
