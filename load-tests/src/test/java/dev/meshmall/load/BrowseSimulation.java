package dev.meshmall.load;

import io.gatling.javaapi.core.Simulation;

/** Visitors browsing alone: categories, a category's page, a product, a search. Product reads only. */
public class BrowseSimulation extends Simulation {
    {
        setUp(Scenarios.browser().injectOpen(RunSettings.PROFILE.arrivals(1)))
                .protocols(Api.PROTOCOL)
                .maxDuration(RunSettings.PROFILE.maxDuration())
                .assertions(Objectives.forGroups(Groups.BROWSE));
    }
}
