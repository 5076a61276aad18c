package dev.meshmall.load;

import io.gatling.javaapi.core.Simulation;

/**
 * A shop's mixed day: many visitors who only browse, few who buy. Of every 20 arrivals one buys, near the
 * few-percent conversion of an online shop; {@code -Drate} and the capacity rates count all arrivals.
 */
public class ShopSimulation extends Simulation {

    private static final double BUYER_SHARE = 1.0 / 20;

    {
        setUp(
                Scenarios.browser().injectOpen(RunSettings.PROFILE.arrivals(1 - BUYER_SHARE)),
                Scenarios.buyer().injectOpen(RunSettings.PROFILE.arrivals(BUYER_SHARE)))
                .protocols(Api.PROTOCOL)
                .maxDuration(RunSettings.PROFILE.maxDuration())
                .assertions(Objectives.forGroups(Groups.ACCOUNT, Groups.BROWSE, Groups.CART, Groups.BUY));
    }
}
