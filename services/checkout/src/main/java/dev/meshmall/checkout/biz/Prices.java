package dev.meshmall.checkout.biz;

import java.util.List;
import java.util.Map;

/** Product's answer for a cart: the products on sale by id, and the ids absent or deleted. */
public record Prices(Map<String, Offer> offers, List<String> missing) {
    public Prices {
        offers = Map.copyOf(offers);
        missing = List.copyOf(missing);
    }
}
