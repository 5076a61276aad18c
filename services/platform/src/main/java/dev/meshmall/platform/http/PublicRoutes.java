package dev.meshmall.platform.http;

import java.util.List;

import io.helidon.config.Config;

/**
 * The routes that need no token, from {@code security.public-routes}: entries like
 * {@code "POST /api/v1/users"} or {@code "GET /api/v1/products/*"} (a trailing {@code *} matches any rest of
 * the path; a method of {@code *} matches any method). Health, metrics and the OpenAPI document are always public.
 */
public final class PublicRoutes {
    private final List<Rule> rules;

    private PublicRoutes(List<Rule> rules) {
        this.rules = rules;
    }

    public static PublicRoutes from(Config config) {
        List<Rule> rules = config.get("security.public-routes").asList(String.class).orElse(List.of())
                .stream().map(Rule::parse).toList();
        return new PublicRoutes(rules);
    }

    public boolean isPublic(String method, String path) {
        if (path.startsWith("/observe/") || (method.equals("GET") && path.equals(OpenApiDocument.PATH))) {
            return true;
        }
        return rules.stream().anyMatch(rule -> rule.matches(method, path));
    }

    private record Rule(String method, String path, boolean prefix) {
        static Rule parse(String entry) {
            String[] parts = entry.trim().split("\\s+", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("a public route is 'METHOD /path': " + entry);
            }
            String path = parts[1];
            boolean prefix = path.endsWith("*");
            return new Rule(parts[0].toUpperCase(), prefix ? path.substring(0, path.length() - 1) : path, prefix);
        }

        boolean matches(String requestMethod, String requestPath) {
            boolean methodMatches = method.equals("*") || method.equals(requestMethod);
            boolean pathMatches = prefix ? requestPath.startsWith(path) : requestPath.equals(path);
            return methodMatches && pathMatches;
        }
    }
}
