package dev.meshmall.user.biz;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;

/** Where saved cards live; every method sees only the rows of {@code owner}. */
public interface CardStore {
    Page<SavedCard> list(UUID owner, PageRequest page);

    Optional<SavedCard> find(UUID owner, UUID id);

    /** Saves the card unless the owner already has {@code limit}; atomic against concurrent saves. */
    Insertion<SavedCard> add(UUID owner, CardToSave card, int limit);

    boolean remove(UUID owner, UUID id);
}
