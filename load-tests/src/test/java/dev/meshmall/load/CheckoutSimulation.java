package dev.meshmall.load;

import io.gatling.javaapi.core.Simulation;

/**
 * The checkout path: sign up and log in, browse, search, fill the cart, check out with a card, list the
 * orders. {@code -Dprofile} sets the arrivals, {@code -DcartSize} the products per cart.
 */
public class CheckoutSimulation extends Simulation {
    {
        setUp(Scenarios.buyer().injectOpen(RunSettings.PROFILE.arrivals(1)))
                .protocols(Api.PROTOCOL)
                .maxDuration(RunSettings.PROFILE.maxDuration())
                .assertions(Objectives.forGroups(Groups.ACCOUNT, Groups.BROWSE, Groups.CART, Groups.BUY));
    }
}
