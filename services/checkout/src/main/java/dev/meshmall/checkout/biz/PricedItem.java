package dev.meshmall.checkout.biz;

/** A line of the order at the price product asks now, which is the price charged. */
public record PricedItem(String productId, String name, int quantity, long unitPrice) {
    public long lineTotal() {
        return Math.multiplyExact(unitPrice, (long) quantity);
    }
}
