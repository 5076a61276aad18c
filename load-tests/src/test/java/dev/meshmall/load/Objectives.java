package dev.meshmall.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run must meet to pass. Failures: none in smoke, under 0.1% otherwise. Latency, under capacity and
 * soak only (one smoke user meets cold JIT, not load): every request of a group keeps that group's p95 and p99,
 * in milliseconds.
 *
 * <pre>
 * group    requests                                          p95    p99   why
 * account  register, log in                                  800   1500   Argon2id hashing, slow on purpose
 * browse   categories, category page, product, search        100    250   pages a visitor waits on
 * cart     products in stock, add to cart, cart              150    300   one cart row plus a priced read
 * buy      checkout, orders                                  300    600   six gRPC hops, a charge, a commit
 * </pre>
 */
final class Objectives {

    record Objective(String group, List<String> requests, int p95Millis, int p99Millis) {
    }

    static final List<Objective> ALL = List.of(
            new Objective(Groups.ACCOUNT, List.of("register", "log in"), 800, 1500),
            new Objective(Groups.BROWSE, List.of("categories", "category page", "product", "search"), 100, 250),
            new Objective(Groups.CART, List.of("products in stock", "add to cart", "cart"), 150, 300),
            new Objective(Groups.BUY, List.of("checkout", "orders"), 300, 600));

    private Objectives() {
    }

    /** The assertions for the groups a simulation runs. */
    static Assertion[] forGroups(String... groups) {
        List<Assertion> assertions = new ArrayList<>();
        Profile profile = RunSettings.PROFILE;
        assertions.add(global().failedRequests().percent().lte(profile.allowedFailurePercent()));
        if (profile != Profile.SMOKE) {
            List<String> wanted = List.of(groups);
            for (Objective objective : ALL) {
                if (!wanted.contains(objective.group())) {
                    continue;
                }
                for (String request : objective.requests()) {
                    var times = details(objective.group(), request).responseTime();
                    assertions.add(times.percentile(95).lte(objective.p95Millis()));
                    assertions.add(times.percentile(99).lte(objective.p99Millis()));
                }
            }
        }
        return assertions.toArray(Assertion[]::new);
    }

}
