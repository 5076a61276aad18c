package dev.meshmall.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The requests grouped by a shopper's intent. Each group is a Gatling group of the same name, so reports and
 * objectives ({@link Objectives}) read per intent.
 */
final class Groups {

    static final String ACCOUNT = "account";
    static final String BROWSE = "browse";
    static final String CART = "cart";
    static final String BUY = "buy";

    /** Words that find something in the devstack's demo catalog. */
    private static final List<String> TERMS = List.of("lamp", "garden", "kettle", "keyboard", "bread", "socks",
            "speaker", "knife", "seeds", "tablet", "board", "wool");

    /** A fresh address per virtual user, so no two users share an account or a cart. */
    private static final Iterator<Map<String, Object>> NEW_SHOPPERS = Stream.generate(
            () -> Map.<String, Object>of("email", "lt-" + UUID.randomUUID() + "@load.meshmall.test")).iterator();

    private static final Iterator<Map<String, Object>> SEARCH_TERMS = Stream.generate(
            () -> Map.<String, Object>of("term", TERMS.get(ThreadLocalRandom.current().nextInt(TERMS.size()))))
            .iterator();

    /** Sign up with a unique address and log in: leaves {@code token} in the session. */
    static final ChainBuilder ACCOUNT_CHAIN = group(ACCOUNT).on(
            feed(NEW_SHOPPERS).exec(Api.REGISTER).exec(Api.LOG_IN));

    /** A visitor's look around: categories, one category's first page, one product, one search. */
    static final ChainBuilder BROWSE_CHAIN = group(BROWSE).on(
            exec(Api.CATEGORIES)
                    .exec(Api.CATEGORY_PAGE)
                    .pause(Duration.ofMillis(100), Duration.ofMillis(500))
                    .exec(Api.PRODUCT)
                    .feed(SEARCH_TERMS)
                    .exec(Api.SEARCH));

    /** Fills the cart with {@code -DcartSize} distinct products in stock, one of each, then reads it back. */
    static final ChainBuilder CART_CHAIN = group(CART).on(
            exec(session -> session.set("buyCategory", RunSettings.BUY_CATEGORY))
                    .exec(Api.PRODUCTS_IN_STOCK)
                    .exec(session -> {
                        List<String> inStock = new ArrayList<>(session.getList("inStock"));
                        if (inStock.size() < RunSettings.CART_SIZE) {
                            return session.markAsFailed();
                        }
                        Collections.shuffle(inStock);
                        List<String> picked = List.copyOf(inStock.subList(0, RunSettings.CART_SIZE));
                        return session.set("picked", picked).set("cartLines", picked.size());
                    })
                    .exitHereIfFailed()
                    .exec(foreach("#{picked}", "productId").on(exec(Api.ADD_TO_CART)))
                    .exec(Api.CART));

    /** Checks out what is in the cart with a test card, then finds the new order first in the list. */
    static final ChainBuilder BUY_CHAIN = group(BUY).on(
            exec(session -> session.set("purchaseKey", "lt-" + UUID.randomUUID()))
                    .exec(Api.CHECKOUT)
                    .exec(Api.ORDERS));

    /** A short think time between intents, as a person has. */
    static final ChainBuilder THINK = pause(Duration.ofMillis(200), Duration.ofMillis(800));

    private Groups() {
    }
}
