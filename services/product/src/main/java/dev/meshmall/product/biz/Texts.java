package dev.meshmall.product.biz;

import dev.meshmall.platform.error.DomainError;

/**
 * The rule every text field follows: trimmed, within its length in characters (code points), and free of
 * control characters and broken surrogates, which Postgres would refuse or a screen would hide. A
 * description may keep its line breaks and tabs.
 */
final class Texts {
    private Texts() {
    }

    static String required(String field, String value, int max) {
        String text = line(field, value, max);
        if (text.isEmpty()) {
            throw DomainError.invalid(field, field + " is required");
        }
        return text;
    }

    static String line(String field, String value, int max) {
        return checked(field, value.strip(), max, false);
    }

    static String paragraphs(String field, String value, int max) {
        return checked(field, value.strip(), max, true);
    }

    static boolean isPrintable(String text) {
        return text.codePoints().noneMatch(cp -> Character.getType(cp) == Character.CONTROL
                || Character.getType(cp) == Character.SURROGATE);
    }

    private static String checked(String field, String text, int max, boolean lineBreaks) {
        if (text.codePointCount(0, text.length()) > max) {
            throw DomainError.invalid(field, field + " is longer than " + max + " characters");
        }
        boolean printable = text.codePoints().noneMatch(cp -> {
            if (lineBreaks && (cp == '\n' || cp == '\r' || cp == '\t')) {
                return false;
            }
            int type = Character.getType(cp);
            return type == Character.CONTROL || type == Character.SURROGATE;
        });
        if (!printable) {
            throw DomainError.invalid(field, field + " contains control characters");
        }
        return text;
    }
}
