package dev.meshmall.cart.biz;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.text.Ids;

/**
 * The shopper's cart: add (quantities add up), set, remove, read, empty. {@code me} is always the verified
 * caller, so a shopper reaches no cart but their own. A line holds 1 to {@value #MAX_QUANTITY} units, a cart
 * at most {@value #MAX_LINES} products, and only a product on sale can enter it.
 */
public final class Carts {
    public static final int MAX_QUANTITY = 999;
    public static final int MAX_LINES = Catalog.MAX_IDS;
    static final int MAX_KEY_LENGTH = 200;

    private final CartStore carts;
    private final Catalog catalog;
    private final CartMetrics metrics;

    public Carts(CartStore carts, Catalog catalog, CartMetrics metrics) {
        this.carts = carts;
        this.catalog = catalog;
        this.metrics = metrics;
    }

    /** The stored lines, without prices: what checkout reads. */
    public Cart cart(UUID me) {
        return carts.find(me);
    }

    /** The cart priced at today's catalog, with one call to the catalog whatever its size. */
    public PricedCart pricedCart(UUID me) {
        Cart cart = carts.find(me);
        if (cart.items().isEmpty()) {
            return PricedCart.of(cart, Map.of());
        }
        return PricedCart.of(cart, catalog.find(productIds(cart)));
    }

    /** Adds to the product's line; with a key, a repeat adds nothing more. */
    public void add(UUID me, String productId, int quantity, Optional<String> idempotencyKey) {
        requireQuantity(quantity, 1);
        Optional<String> key = key(idempotencyKey);
        record(me, onSale(productId), quantity, key);
    }

    /**
     * As {@link #add}, answering the cart priced. One call to the catalog both tells that the product is on sale
     * and prices the lines already in the cart; a line another request adds meanwhile is priced by a second.
     * A full cart asked for a new product takes the path of {@link #add} (two calls), whose refusal it answers.
     */
    public PricedCart addAndPrice(UUID me, String productId, int quantity, Optional<String> idempotencyKey) {
        requireQuantity(quantity, 1);
        Optional<String> key = key(idempotencyKey);
        UUID product = Ids.parse(required(productId)).orElseThrow(Carts::productNotFound);
        Set<UUID> asked = productIds(carts.find(me));
        asked.add(product);
        if (asked.size() > Catalog.MAX_IDS) {
            add(me, productId, quantity, idempotencyKey);
            return pricedCart(me);
        }
        Map<UUID, Product> products = new HashMap<>(catalog.find(asked));
        if (!products.containsKey(product)) {
            throw productNotFound();
        }
        record(me, product, quantity, key);
        Cart cart = carts.find(me);
        Set<UUID> unasked = productIds(cart);
        unasked.removeAll(asked);
        if (!unasked.isEmpty()) {
            products.putAll(catalog.find(unasked));
        }
        return PricedCart.of(cart, products);
    }

    private void record(UUID me, UUID product, int quantity, Optional<String> key) {
        switch (carts.add(me, product, quantity, key, MAX_QUANTITY, MAX_LINES)) {
            case Addition.Added added -> metrics.itemAdded();
            case Addition.Repeated repeated -> { }
            case Addition.OverLimit over -> throw tooLarge(over.inCart());
            case Addition.CartFull full -> throw cartFull();
        }
    }

    private static Set<UUID> productIds(Cart cart) {
        return cart.items().stream().map(CartItem::productId).collect(Collectors.toCollection(HashSet::new));
    }

    /** Sets the quantity of a line the cart holds (REST's PUT): 1 to 999; a line not held is NOT_FOUND. */
    public void changeQuantity(UUID me, String productId, int quantity) {
        requireQuantity(quantity, 1);
        UUID product = Ids.parse(productId).orElseThrow(Carts::notInCart);
        if (!carts.change(me, product, quantity)) {
            throw notInCart();
        }
    }

    /**
     * Sets the quantity of a product (gRPC's SetItemQuantity): adds the line if missing, for a product on sale;
     * 0 removes it. Idempotent.
     */
    public void setQuantity(UUID me, String productId, int quantity) {
        requireQuantity(quantity, 0);
        if (quantity == 0) {
            discardItem(me, productId);
            return;
        }
        UUID product = Ids.parse(required(productId)).orElseThrow(Carts::productNotFound);
        if (carts.change(me, product, quantity)) {
            return;
        }
        if (!carts.put(me, onSale(productId), quantity, MAX_LINES)) {
            throw cartFull();
        }
    }

    /** Removes a line the cart holds; a line not held is NOT_FOUND. */
    public void removeItem(UUID me, String productId) {
        UUID product = Ids.parse(productId).orElseThrow(Carts::notInCart);
        if (!carts.remove(me, product)) {
            throw notInCart();
        }
    }

    /** Removes a line if the cart holds it. Idempotent. */
    public void discardItem(UUID me, String productId) {
        Ids.parse(required(productId)).ifPresent(product -> carts.remove(me, product));
    }

    /**
     * Empties the cart, or with {@code items} takes only those quantities out (checkout takes what it ordered, so
     * what was added meanwhile stays). With a key, a repeat does nothing.
     */
    public void empty(UUID me, Optional<String> idempotencyKey, List<ItemQuantity> items) {
        Optional<String> key = key(idempotencyKey);
        if (items.isEmpty()) {
            if (carts.empty(me, key)) {
                metrics.emptied(EmptyScope.WHOLE_CART);
            }
            return;
        }
        if (carts.take(me, removals(items), key)) {
            metrics.emptied(EmptyScope.ORDERED_ITEMS);
        }
    }

    /** Each product once, its quantities summed; the sum is capped, since the largest line is taken whole anyway. */
    private static List<Removal> removals(List<ItemQuantity> items) {
        Map<UUID, Integer> quantities = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            ItemQuantity item = items.get(i);
            String field = "items[" + i + "]";
            UUID product = Ids.parse(item.productId())
                    .orElseThrow(() -> DomainError.invalid(field + ".product_id", field + ".product_id is not a product id"));
            if (item.quantity() < 1) {
                throw DomainError.invalid(field + ".quantity", field + ".quantity is at least 1");
            }
            quantities.merge(product, item.quantity(), (a, b) -> (int) Math.min((long) a + b, MAX_QUANTITY));
        }
        return quantities.entrySet().stream().map(e -> new Removal(e.getKey(), e.getValue())).toList();
    }

    private UUID onSale(String productId) {
        UUID product = Ids.parse(required(productId)).orElseThrow(Carts::productNotFound);
        if (!catalog.find(Set.of(product)).containsKey(product)) {
            throw productNotFound();
        }
        return product;
    }

    private static String required(String productId) {
        if (productId.isBlank()) {
            throw DomainError.invalid("product_id", "product_id is required");
        }
        return productId;
    }

    private static void requireQuantity(int quantity, int least) {
        if (quantity < least || quantity > MAX_QUANTITY) {
            throw DomainError.invalid("quantity", "quantity is " + least + " to " + MAX_QUANTITY);
        }
    }

    private static Optional<String> key(Optional<String> raw) {
        Optional<String> key = raw.filter(k -> !k.isBlank());
        if (key.isPresent() && key.get().length() > MAX_KEY_LENGTH) {
            throw DomainError.invalid("idempotency_key", "idempotency_key is at most " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    private static DomainError productNotFound() {
        return new DomainError(ErrorKind.NOT_FOUND, "product_not_found", "no such product on sale");
    }

    private static DomainError notInCart() {
        return new DomainError(ErrorKind.NOT_FOUND, "item_not_in_cart", "the cart holds no such product");
    }

    private static DomainError tooLarge(int inCart) {
        return new DomainError(ErrorKind.INVALID, "quantity_too_large",
                "a cart holds at most " + MAX_QUANTITY + " of a product; this one holds " + inCart,
                Map.of("field", "quantity", "max_quantity", MAX_QUANTITY, "in_cart", inCart));
    }

    private static DomainError cartFull() {
        return new DomainError(ErrorKind.CONFLICT, "cart_full",
                "a cart holds at most " + MAX_LINES + " different products", Map.of("max_items", MAX_LINES));
    }
}
