package dev.meshmall.cart.biz;

import java.util.Optional;

/** A cart line with its product as the catalog has it now; none when the product was deleted since. */
public record PricedItem(CartItem item, Optional<Product> product) {
    public boolean available() {
        return product.isPresent();
    }

    public Optional<Money> unitPrice() {
        return product.map(Product::price);
    }

    public Optional<Money> lineTotal() {
        return unitPrice().map(price -> price.times(item.quantity()));
    }
}
