package dev.meshmall.devstack;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * What {@code devstack.yaml} declares: the services in start order and the routes of the entry port.
 */
record Topology(List<ServiceSpec> services, List<Route> routes) {
    static final String RESOURCE = "devstack.yaml";

    Topology {
        services = List.copyOf(services);
        routes = List.copyOf(routes);
        Set<String> names = new HashSet<>();
        for (ServiceSpec service : services) {
            if (!names.add(service.name())) {
                throw new IllegalArgumentException(RESOURCE + ": service " + service.name() + " is listed twice");
            }
        }
        for (Route route : routes) {
            if (!names.contains(route.service())) {
                throw new IllegalArgumentException(RESOURCE + ": route " + route.prefix()
                        + " names an unknown service " + route.service());
            }
        }
    }

    static Topology load() {
        Config table = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.classpath(RESOURCE))
                .build();
        List<ServiceSpec> services = table.get("services").asNodeList().orElse(List.of()).stream()
                .map(node -> new ServiceSpec(node.get("name").asString().get(),
                        node.get("http").asInt().get(),
                        node.get("grpc").asInt().get(),
                        node.get("max-heap").asString().orElse(ServiceSpec.DEFAULT_MAX_HEAP)))
                .toList();
        List<Route> routes = table.get("routes").asNodeList().orElse(List.of()).stream()
                .map(node -> new Route(node.get("prefix").asString().get(), node.get("service").asString().get()))
                .toList();
        return new Topology(services, routes);
    }

    /** The same services with {@code offset} added to every port, so two stacks (or a test) can run side by side. */
    Topology shifted(int offset) {
        return new Topology(services.stream().map(service -> service.shifted(offset)).toList(), routes);
    }

    /**
     * The service of the longest route prefix {@code path} matches, as the mesh ingress chooses: a prefix with a
     * {@code *} segment for an id is longer, so more specific, than the plain prefix it extends.
     */
    Optional<ServiceSpec> serviceFor(String path) {
        return routes.stream()
                .filter(route -> route.matches(path))
                .max(Comparator.comparingInt(route -> route.prefix().length()))
                .map(route -> service(route.service()));
    }

    ServiceSpec service(String name) {
        return services.stream()
                .filter(service -> service.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(RESOURCE + " has no service " + name));
    }
}
