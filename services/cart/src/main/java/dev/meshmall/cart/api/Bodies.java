package dev.meshmall.cart.api;

import java.time.Instant;
import java.util.List;

import dev.meshmall.cart.biz.Money;
import dev.meshmall.cart.biz.PricedCart;
import dev.meshmall.cart.biz.PricedItem;
import dev.meshmall.cart.biz.Product;

/** The JSON shapes of the REST API (snake_case on the wire). A field absent from a request is null here. */
final class Bodies {
    private Bodies() {
    }

    record NewItem(String productId, Integer quantity) {
    }

    record QuantityInput(Integer quantity) {
    }

    record MoneyView(long amount, String currency) {
        static MoneyView of(Money money) {
            return new MoneyView(money.amount(), money.currency());
        }
    }

    /**
     * A line as the shopper sees it. A product deleted since it was added is {@code available: false}, with
     * {@code name}, {@code picture_url}, {@code unit_price} and {@code line_total} null: the catalog no longer
     * tells them.
     */
    record ItemView(String productId, int quantity, String name, String pictureUrl, MoneyView unitPrice,
                    MoneyView lineTotal, boolean available, Instant addedAt) {
        static ItemView of(PricedItem priced) {
            return new ItemView(priced.item().productId().toString(), priced.item().quantity(),
                    priced.product().map(Product::name).orElse(null),
                    priced.product().map(Product::pictureUrl).orElse(null),
                    priced.unitPrice().map(MoneyView::of).orElse(null),
                    priced.lineTotal().map(MoneyView::of).orElse(null),
                    priced.available(), priced.item().addedAt());
        }
    }

    /**
     * The cart. {@code totals} has one sum per currency of the available lines (sorted by currency);
     * {@code total} is that sum when there is exactly one currency, and null for an empty cart or one that mixes
     * currencies. {@code item_count} is the number of units of every line; {@code updated_at} is null for a cart
     * never used.
     */
    record CartView(List<ItemView> items, MoneyView total, List<MoneyView> totals, int itemCount, Instant updatedAt) {
        static CartView of(PricedCart cart) {
            return new CartView(cart.items().stream().map(ItemView::of).toList(),
                    cart.total().map(MoneyView::of).orElse(null),
                    cart.totals().stream().map(MoneyView::of).toList(),
                    cart.itemCount(), cart.updatedAt().orElse(null));
        }
    }
}
