package dev.meshmall.cart.biz;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The product service, as the cart needs it. */
public interface Catalog {
    /** Most ids asked in one call; a cart never holds more lines, so one call always prices a whole cart. */
    int MAX_IDS = 100;

    /**
     * The products among {@code ids} that exist and are not deleted, by id, in one round trip. At most
     * {@value #MAX_IDS} ids.
     */
    Map<UUID, Product> find(Set<UUID> ids);
}
