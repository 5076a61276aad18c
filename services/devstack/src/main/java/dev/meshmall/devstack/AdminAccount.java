package dev.meshmall.devstack;

import java.util.Map;

/**
 * The bootstrap admin the user service creates, from the devstack's environment, each part falling back to
 * its default.
 */
record AdminAccount(String email, String password, boolean defaults) {
    static final String EMAIL_VARIABLE = "MESHMALL_ADMIN_EMAIL";
    static final String PASSWORD_VARIABLE = "MESHMALL_ADMIN_PASSWORD";
    static final String DEFAULT_EMAIL = "admin@meshmall.local";
    static final String DEFAULT_PASSWORD = "meshmall-admin-123";

    static AdminAccount from(Map<String, String> env) {
        String email = env.getOrDefault(EMAIL_VARIABLE, "");
        String password = env.getOrDefault(PASSWORD_VARIABLE, "");
        return new AdminAccount(email.isBlank() ? DEFAULT_EMAIL : email,
                password.isBlank() ? DEFAULT_PASSWORD : password,
                email.isBlank() || password.isBlank());
    }

    String describe() {
        return email + " / " + password + (defaults
                ? "  (defaults: set " + EMAIL_VARIABLE + " and " + PASSWORD_VARIABLE + " to choose your own)"
                : "");
    }
}
