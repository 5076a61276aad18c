package dev.meshmall.product.biz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.platform.text.Ids;

/**
 * Browsing and managing the catalog. Who may manage it (merchants and admins) is checked by the transports;
 * the rules of what a product holds are here.
 */
public final class Catalog {
    public static final int MAX_BATCH = 100;
    public static final int MAX_QUERY = 200;
    private static final String WHAT = "product";

    private final CatalogStore store;

    public Catalog(CatalogStore store) {
        this.store = store;
    }

    /** A page of products by name, or by relevance when there are words to search for. */
    public Page<Product> browse(Optional<String> words, Optional<String> category, PageRequest page) {
        Optional<String> query = words.map(String::strip).filter(w -> !w.isEmpty());
        if (query.isPresent() && query.get().codePointCount(0, query.get().length()) > MAX_QUERY) {
            throw DomainError.invalid("q", "a search is at most " + MAX_QUERY + " characters");
        }
        Optional<String> wanted = category.map(String::strip).filter(c -> !c.isEmpty());
        if (wanted.isPresent()) {
            Optional<String> slug = ProductRules.slug(wanted.get());
            if (slug.isEmpty()) {
                return new Page<>(List.of(), page.page(), page.size(), 0);
            }
            wanted = slug;
        }
        return store.find(new ProductQuery(query, wanted, page));
    }

    /** Full-text search: the words are required. */
    public Page<Product> search(String words, Optional<String> category, PageRequest page) {
        if (words.isBlank()) {
            throw DomainError.invalid("query", "a search needs words");
        }
        return browse(Optional.of(words), category, page);
    }

    public Product get(String id) {
        return store.find(Ids.require(id, WHAT)).orElseThrow(() -> DomainError.notFound(WHAT));
    }

    /** Many products in one read; ids that are malformed, absent or deleted come back as missing. */
    public ProductBatch getMany(List<String> ids) {
        Set<String> distinct = new LinkedHashSet<>(ids);
        if (distinct.size() > MAX_BATCH) {
            throw DomainError.invalid("product_ids", "at most " + MAX_BATCH + " products at once");
        }
        Map<UUID, String> wanted = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String raw : distinct) {
            Ids.parse(raw).ifPresentOrElse(id -> wanted.put(id, raw), () -> missing.add(raw));
        }
        List<Product> found = wanted.isEmpty() ? List.of() : store.findAll(wanted.keySet());
        Set<UUID> foundIds = new LinkedHashSet<>(found.stream().map(Product::id).toList());
        wanted.forEach((id, raw) -> {
            if (!foundIds.contains(id)) {
                missing.add(raw);
            }
        });
        return new ProductBatch(found, missing);
    }

    public List<Category> categories() {
        return store.categoriesInUse();
    }

    public Product create(ProductDraft draft) {
        return store.create(ProductRules.check(draft));
    }

    public Product update(String id, ProductChange change) {
        UUID productId = Ids.require(id, WHAT);
        ProductChange valid = ProductRules.check(change);
        return store.update(productId, valid).orElseThrow(() -> DomainError.notFound(WHAT));
    }

    /** Soft: the row stays for the orders that name it. Deleting a deleted product is fine. */
    public void delete(String id) {
        if (!store.delete(Ids.require(id, WHAT))) {
            throw DomainError.notFound(WHAT);
        }
    }
}
