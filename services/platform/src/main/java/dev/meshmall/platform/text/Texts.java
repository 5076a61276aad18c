package dev.meshmall.platform.text;

import dev.meshmall.platform.error.DomainError;

/**
 * The rule every text field follows: trimmed, within its length in characters (code points), and free of
 * control characters and broken surrogates, which Postgres would refuse or a screen would hide. Paragraphs
 * (a description, say) may keep their line breaks and tabs. A field that breaks the rule is an INVALID error
 * naming it.
 */
public final class Texts {
    private Texts() {
    }

    /** One line, not blank. */
    public static String required(String field, String value, int max) {
        String text = optional(field, value, max);
        if (text.isEmpty()) {
            throw DomainError.invalid(field, field + " is required");
        }
        return text;
    }

    /** One line; empty or blank gives {@code ""}. */
    public static String optional(String field, String value, int max) {
        return checked(field, value.strip(), max, false);
    }

    /** Text that may keep its line breaks and tabs; empty or blank gives {@code ""}. */
    public static String paragraphs(String field, String value, int max) {
        return checked(field, value.strip(), max, true);
    }

    /** Free of control characters and broken surrogates, line breaks included. */
    public static boolean isPrintable(String text) {
        return text.codePoints().noneMatch(cp -> isHidden(cp, false));
    }

    /** The length in characters (code points), as the limits count it. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String checked(String field, String text, int max, boolean lineBreaks) {
        if (length(text) > max) {
            throw DomainError.invalid(field, field + " is longer than " + max + " characters");
        }
        if (text.codePoints().anyMatch(cp -> isHidden(cp, lineBreaks))) {
            throw DomainError.invalid(field, field + " contains control characters");
        }
        return text;
    }

    private static boolean isHidden(int codePoint, boolean lineBreaksAllowed) {
        if (lineBreaksAllowed && (codePoint == '\n' || codePoint == '\r' || codePoint == '\t')) {
            return false;
        }
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.SURROGATE;
    }
}
