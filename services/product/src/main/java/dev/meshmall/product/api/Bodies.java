package dev.meshmall.product.api;

import java.time.Instant;
import java.util.List;

import dev.meshmall.product.biz.Category;
import dev.meshmall.product.biz.Money;
import dev.meshmall.platform.page.Page;
import dev.meshmall.product.biz.Product;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** The JSON shapes of the REST API (snake_case on the wire). A field absent from a request is null here. */
final class Bodies {
    private Bodies() {
    }

    record Price(@JsonDeserialize(using = WholeNumbers.Amount.class) Long amount, String currency) {
    }

    /** A product as a merchant sends it, to create or to replace one. */
    record ProductInput(String name, String description, String pictureUrl, Price price, List<String> categories,
                        @JsonDeserialize(using = WholeNumbers.Count.class) Integer stock) {
    }

    record PriceView(long amount, String currency) {
        static PriceView of(Money money) {
            return new PriceView(money.amount(), money.currency());
        }
    }

    record ProductView(String id, String name, String description, String pictureUrl, PriceView price,
                       List<String> categories, int stock, Instant createdAt, Instant updatedAt) {
        static ProductView of(Product p) {
            return new ProductView(p.id().toString(), p.name(), p.description(), p.pictureUrl(),
                    PriceView.of(p.price()), p.categories(), p.stock(), p.createdAt(), p.updatedAt());
        }
    }

    record CategoryView(String slug, String name) {
        static CategoryView of(Category category) {
            return new CategoryView(category.slug(), category.name());
        }
    }

    record CategoryList(List<CategoryView> items) {
    }

    record PageView<T>(List<T> items, int page, int size, long total) {
        static <T> PageView<T> of(Page<T> page) {
            return new PageView<>(page.items(), page.page(), page.size(), page.total());
        }
    }
}
