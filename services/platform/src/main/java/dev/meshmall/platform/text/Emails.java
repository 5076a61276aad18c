package dev.meshmall.platform.text;

import java.util.Locale;
import java.util.Optional;

import dev.meshmall.platform.error.DomainError;

/**
 * Email addresses as the shop keeps them: trimmed and lower-cased, so the same person cannot register twice
 * by changing case, and plausible (one {@code @}, a dot in the domain, at most 254 characters). Deliverability
 * is not checked here.
 */
public final class Emails {
    private static final int MAX_LENGTH = 254;
    private static final String FORBIDDEN = "<>()[]\\,;:\"";

    private Emails() {
    }

    /** The stored form of {@code raw}, or INVALID naming {@code field}. */
    public static String normalize(String field, String raw) {
        String email = raw.strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) {
            throw DomainError.invalid(field, field + " is required");
        }
        if (!isPlausible(email)) {
            throw DomainError.invalid(field, field + " is not a valid email address");
        }
        return email;
    }

    /** The stored form of {@code raw} if it could be an account's email. */
    public static Optional<String> parse(String raw) {
        String email = raw.strip().toLowerCase(Locale.ROOT);
        return isPlausible(email) ? Optional.of(email) : Optional.empty();
    }

    private static boolean isPlausible(String email) {
        int at = email.indexOf('@');
        if (email.length() > MAX_LENGTH || at < 1 || at != email.lastIndexOf('@')) {
            return false;
        }
        String domain = email.substring(at + 1);
        boolean domainOk = domain.indexOf('.') > 0 && !domain.endsWith(".") && !domain.contains("..");
        boolean charsOk = email.codePoints().noneMatch(cp -> Character.isWhitespace(cp)
                || Character.isSpaceChar(cp) || FORBIDDEN.indexOf(cp) >= 0) && Texts.isPrintable(email);
        return domainOk && charsOk;
    }
}
