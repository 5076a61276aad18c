package dev.meshmall.user.biz;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.text.Texts;

/**
 * What a new password must be, after NIST SP 800-63B: long enough, not absurdly long, not the email; no
 * composition rules, which only make people pick worse passwords. Spaces and any Unicode are allowed.
 */
public final class Passwords {
    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private Passwords() {
    }

    public static void check(String field, String password, String email) {
        if (password.isEmpty()) {
            throw DomainError.invalid(field, field + " is required");
        }
        int length = Texts.length(password);
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw DomainError.invalid(field, field + " must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (password.strip().equalsIgnoreCase(email)) {
            throw DomainError.invalid(field, field + " must not be the email address");
        }
    }
}
