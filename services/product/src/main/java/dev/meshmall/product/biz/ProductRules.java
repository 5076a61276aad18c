package dev.meshmall.product.biz;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.text.Texts;

/** What a product may hold. Every rule names the field it refuses. */
public final class ProductRules {
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 5000;
    public static final int MAX_PICTURE_URL = 2000;
    public static final long MAX_AMOUNT = 100_000_000L;
    public static final int MAX_STOCK = 1_000_000;
    public static final int MAX_CATEGORIES = 10;
    public static final int MAX_SLUG = 50;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private ProductRules() {
    }

    public static ProductDraft check(ProductDraft draft) {
        return new ProductDraft(name(draft.name()), description(draft.description()), pictureUrl(draft.pictureUrl()),
                price(draft.price()), categories(draft.categories()), stock(draft.stock()));
    }

    public static ProductChange check(ProductChange change) {
        return new ProductChange(change.name().map(ProductRules::name),
                change.description().map(ProductRules::description),
                change.pictureUrl().map(ProductRules::pictureUrl),
                change.price().map(ProductRules::price),
                change.categories().map(ProductRules::categories),
                change.stock().map(ProductRules::stock));
    }

    /** A category as products name it: trimmed and lower-cased, then a slug, or empty if it cannot be one. */
    public static Optional<String> slug(String raw) {
        String slug = raw.strip().toLowerCase(Locale.ROOT);
        return slug.length() <= MAX_SLUG && SLUG.matcher(slug).matches() ? Optional.of(slug) : Optional.empty();
    }

    static String name(String name) {
        return Texts.required("name", name, MAX_NAME);
    }

    static String description(String description) {
        return Texts.paragraphs("description", description, MAX_DESCRIPTION);
    }

    /** Empty, or an absolute http(s) URL with a host: the picture is only linked, never fetched. */
    static String pictureUrl(String raw) {
        String url = Texts.optional("picture_url", raw, MAX_PICTURE_URL);
        if (url.isEmpty()) {
            return url;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw DomainError.invalid("picture_url", "picture_url must be an http or https URL");
    }

    static Money price(Money price) {
        if (price.amount() < 0 || price.amount() > MAX_AMOUNT) {
            throw DomainError.invalid("price.amount", "price.amount is 0 to " + MAX_AMOUNT + " minor units");
        }
        if (!CURRENCY.matcher(price.currency()).matches()) {
            throw DomainError.invalid("price.currency", "price.currency is an ISO 4217 code like USD");
        }
        return price;
    }

    static int stock(int stock) {
        if (stock < 0 || stock > MAX_STOCK) {
            throw DomainError.invalid("stock", "stock is 0 to " + MAX_STOCK);
        }
        return stock;
    }

    /** Distinct slugs, sorted; a category not yet known is created when the product is saved. */
    static List<String> categories(List<String> raw) {
        TreeSet<String> slugs = new TreeSet<>();
        for (String category : raw) {
            slugs.add(slug(category).orElseThrow(() -> DomainError.invalid("categories",
                    "categories are lower-case letters and digits joined by hyphens, at most "
                            + MAX_SLUG + " characters: " + abbreviated(category))));
        }
        if (slugs.size() > MAX_CATEGORIES) {
            throw DomainError.invalid("categories", "a product has at most " + MAX_CATEGORIES + " categories");
        }
        return new ArrayList<>(slugs);
    }

    private static String abbreviated(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return Texts.isPrintable(shown) ? shown : "(unprintable)";
    }
}
