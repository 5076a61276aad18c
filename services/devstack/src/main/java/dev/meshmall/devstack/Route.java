package dev.meshmall.devstack;

/**
 * A route of the entry port: a request whose path starts with {@code prefix} goes to {@code service}. A
 * {@code *} segment in the prefix ({@code /api/v1/orders/*}{@code /pay}) stands for any one path segment; such a
 * prefix matches whole segments only, so {@code /api/v1/orders/7/payment} is not {@code /api/v1/orders/*}{@code /pay}.
 */
record Route(String prefix, String service) {
    private static final String ANY_SEGMENT = "*";

    boolean matches(String path) {
        if (!prefix.contains(ANY_SEGMENT)) {
            return path.startsWith(prefix);
        }
        String[] wanted = prefix.split("/", -1);
        String[] actual = path.split("/", -1);
        if (actual.length < wanted.length) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            boolean any = wanted[i].equals(ANY_SEGMENT) && !actual[i].isEmpty();
            if (!any && !wanted[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }
}
