package dev.meshmall.checkout.biz;

import java.util.List;

/** What a checkout orders and charges: the priced lines, their currency, where the order goes. */
public record Draft(List<PricedItem> items, String currency, String email, Address address) {
    public Draft {
        items = List.copyOf(items);
    }

    public Money total() {
        return new Money(items.stream().mapToLong(PricedItem::lineTotal).reduce(0, Math::addExact), currency);
    }
}
