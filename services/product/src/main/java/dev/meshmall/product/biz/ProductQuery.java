package dev.meshmall.product.biz;

import java.util.Optional;

import dev.meshmall.platform.page.PageRequest;

/** What a shopper browses: words to search for, a category, a page. Empty parts do not filter. */
public record ProductQuery(Optional<String> words, Optional<String> category, PageRequest page) {
}
