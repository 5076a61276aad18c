package dev.meshmall.user.biz;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;

/** Where addresses live; every method sees only the rows of {@code owner}. */
public interface AddressStore {
    Page<StoredAddress> list(UUID owner, PageRequest page);

    Optional<StoredAddress> find(UUID owner, UUID id);

    /** Saves the address unless the owner already has {@code limit}; atomic against concurrent saves. */
    Insertion<StoredAddress> add(UUID owner, Address address, int limit);

    Optional<StoredAddress> replace(UUID owner, UUID id, Address address);

    boolean remove(UUID owner, UUID id);
}
