package dev.meshmall.devstack;

/** A route of the entry port: a request whose path starts with {@code prefix} goes to {@code service}. */
record Route(String prefix, String service) {

    boolean matches(String path) {
        return path.startsWith(prefix);
    }
}
