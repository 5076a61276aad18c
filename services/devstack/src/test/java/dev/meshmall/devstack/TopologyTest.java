package dev.meshmall.devstack;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopologyTest {
    private final Topology table = Topology.load();

    @Test
    void theServicesStartInTheOrderOfTheTableWithTheDefaultHeapUnlessTheyNameTheirOwn() {
        assertThat(table.services(), contains(
                new ServiceSpec("auth", 8081, 9091, "160m"),
                new ServiceSpec("user", 8082, 9092, "96m"),
                new ServiceSpec("product", 8083, 9093),
                new ServiceSpec("cart", 8084, 9094),
                new ServiceSpec("order", 8085, 9095),
                new ServiceSpec("payment", 8087, 9097),
                new ServiceSpec("checkout", 8086, 9096)));
    }

    @Test
    void theLongestPrefixWins() {
        assertThat(serviceFor("/api/v1/auth/login"), is("auth"));
        assertThat(serviceFor("/api/v1/auth/refresh"), is("auth"));
        assertThat(serviceFor("/api/v1/auth/logout"), is("auth"));
        assertThat(serviceFor("/.well-known/jwks.json"), is("auth"));
        assertThat(serviceFor("/api/v1/users"), is("user"));
        assertThat(serviceFor("/api/v1/users/me/addresses"), is("user"));
        assertThat(serviceFor("/api/v1/admin/users/42/ban"), is("user"));
        assertThat(serviceFor("/api/v1/products/7"), is("product"));
        assertThat(serviceFor("/openapi"), is("product"));
        assertThat(serviceFor("/api/v1/categories"), is("product"));
        assertThat(serviceFor("/api/v1/cart/items/7"), is("cart"));
        assertThat(serviceFor("/api/v1/orders/7/cancel"), is("order"));
        assertThat(serviceFor("/api/v1/checkout"), is("checkout"));
        assertThat(serviceFor("/api/v1/payments/7"), is("payment"));
    }

    @Test
    void aStarSegmentStandsForOneIdAndIsMoreSpecificThanThePlainPrefix() {
        assertThat(serviceFor("/api/v1/orders/7/pay"), is("checkout"));
        assertThat(serviceFor("/api/v1/orders/0b6f7c1e-2d9a-4a5e-9f63-7f1c2b3d4e5f/pay"), is("checkout"));
        assertThat(serviceFor("/api/v1/orders/7"), is("order"));
        assertThat(serviceFor("/api/v1/orders"), is("order"));
        assertThat(serviceFor("/api/v1/orders/7/payment"), is("order"));
        assertThat(serviceFor("/api/v1/orders//pay"), is("order"));
        assertThat(serviceFor("/api/v1/orders/7/8/pay"), is("order"));
    }

    @Test
    void aPathNoRouteStartsWithHasNoService() {
        assertThat(table.serviceFor("/api/v1/unknown"), is(Optional.empty()));
        assertThat(table.serviceFor("/"), is(Optional.empty()));
    }

    @Test
    void anOffsetMovesEveryServicePort() {
        assertThat(table.shifted(20000).service("user"), is(new ServiceSpec("user", 28082, 29092, "96m")));
    }

    @Test
    void aRouteToAnUnknownServiceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Topology(
                List.of(new ServiceSpec("auth", 8081, 9091)),
                List.of(new Route("/api/v1/products", "product"))));
    }

    private String serviceFor(String path) {
        return table.serviceFor(path).orElseThrow().name();
    }
}
