package dev.meshmall.order.biz;

import dev.meshmall.platform.error.DomainError;

/**
 * The rule every text field follows: trimmed, within its length in characters (code points), and free of
 * control characters and broken surrogates, which Postgres would refuse or a screen would hide.
 */
final class Texts {
    private Texts() {
    }

    static String required(String field, String value, int max) {
        String text = optional(field, value, max);
        if (text.isEmpty()) {
            throw DomainError.invalid(field, field + " is required");
        }
        return text;
    }

    /** Empty or blank gives {@code ""}. */
    static String optional(String field, String value, int max) {
        String text = value.strip();
        if (text.codePointCount(0, text.length()) > max) {
            throw DomainError.invalid(field, field + " is longer than " + max + " characters");
        }
        if (!isPrintable(text)) {
            throw DomainError.invalid(field, field + " contains control characters");
        }
        return text;
    }

    static boolean isPrintable(String text) {
        return text.codePoints().noneMatch(cp -> Character.getType(cp) == Character.CONTROL
                || Character.getType(cp) == Character.SURROGATE);
    }
}
