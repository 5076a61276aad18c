package dev.meshmall.platform.card;

import java.util.Map;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

/**
 * A full card number, held only while a card is saved, tokenized or charged. Its {@code toString} shows the
 * brand and the last four digits, so a log line or an exception message can never carry the number.
 */
public record CardNumber(String digits) {
    private static final int MIN_DIGITS = 12;
    private static final int MAX_DIGITS = 19;

    /** Spaces and dashes removed; then 12 to 19 digits with a valid Luhn check digit. */
    public static CardNumber parse(String field, String raw) {
        String digits = raw.replace(" ", "").replace("-", "");
        if (digits.isEmpty()) {
            throw DomainError.invalid(field, field + " is required");
        }
        if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || !luhnValid(digits)) {
            throw new DomainError(ErrorKind.INVALID, "invalid_card_number",
                    "the card number is not a valid card number", Map.of("field", field));
        }
        return new CardNumber(digits);
    }

    /** The network, told by the issuer identification number at the start of the number. */
    public String brand() {
        if (digits.startsWith("4")) {
            return "visa";
        }
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return "mastercard";
        }
        if (two == 34 || two == 37) {
            return "amex";
        }
        if (four == 6011 || two == 65) {
            return "discover";
        }
        return "unknown";
    }

    public String last4() {
        return digits.substring(digits.length() - 4);
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    @Override
    public String toString() {
        return "CardNumber[" + brand() + " ending " + last4() + "]";
    }
}
