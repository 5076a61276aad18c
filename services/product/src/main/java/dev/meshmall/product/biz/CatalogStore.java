package dev.meshmall.product.biz;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.page.Page;

/** Where products and categories live. Reads see products for sale only: a deleted one is absent. */
public interface CatalogStore {
    Page<Product> find(ProductQuery query);

    Optional<Product> find(UUID id);

    /** The products for sale among {@code ids}, in no particular order. */
    List<Product> findAll(Collection<UUID> ids);

    /** The categories at least one product for sale is in, by slug. */
    List<Category> categoriesInUse();

    /** Saves a valid draft, creating the categories it names that do not exist yet. */
    Product create(ProductDraft draft);

    /** Applies a valid change to a product for sale; empty if there is none with this id. */
    Optional<Product> update(UUID id, ProductChange change);

    /** Marks the product deleted (again, if it already was); false if no product ever had this id. */
    boolean delete(UUID id);
}
