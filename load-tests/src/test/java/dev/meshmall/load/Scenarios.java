package dev.meshmall.load;

import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;

/** Shoppers composed from the intents in {@link Groups}. */
final class Scenarios {

    /** A visitor who looks around without an account. */
    static ScenarioBuilder browser() {
        return scenario("browser").exec(Groups.BROWSE_CHAIN);
    }

    /**
     * A buyer: signs up and logs in, looks around, then makes {@code -DpurchasesPerBuyer} purchases, each a cart
     * filled, a checkout with a card and the order list read back.
     */
    static ScenarioBuilder buyer() {
        return scenario("buyer")
                .exec(Groups.ACCOUNT_CHAIN)
                .exitHereIfFailed()
                .exec(Groups.THINK)
                .exec(Groups.BROWSE_CHAIN)
                .exec(Groups.THINK)
                .exec(repeat(RunSettings.PURCHASES_PER_BUYER).on(
                        Groups.CART_CHAIN
                                .exitHereIfFailed()
                                .exec(Groups.THINK)
                                .exec(Groups.BUY_CHAIN)
                                .exitHereIfFailed()));
    }

    private Scenarios() {
    }
}
