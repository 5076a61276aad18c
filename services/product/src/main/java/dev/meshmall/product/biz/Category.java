package dev.meshmall.product.biz;

/** A category: its slug ({@code home-garden}), the key products name it by, and its display name. */
public record Category(String slug, String name) {
}
