package dev.meshmall.platform.card;

import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import java.util.regex.Pattern;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

/** What makes a card usable: a real month, an expiry not passed (UTC), a CVV of 3 or 4 digits when one is due. */
public final class CardRules {
    private static final int MAX_YEARS_AHEAD = 30;
    private static final Pattern CVV = Pattern.compile("[0-9]{3,4}");

    private final Clock clock;

    public CardRules(Clock clock) {
        this.clock = clock;
    }

    /** A card is good through the last day of its expiry month. {@code prefix} names the fields ("card."). */
    public void checkExpiry(String prefix, int month, int year) {
        if (month < 1 || month > 12) {
            throw DomainError.invalid(prefix + "exp_month", "exp_month is 1 to 12");
        }
        YearMonth now = YearMonth.now(clock);
        if (year < 1000 || year > now.getYear() + MAX_YEARS_AHEAD) {
            throw DomainError.invalid(prefix + "exp_year", "exp_year is the four-digit year the card expires");
        }
        if (YearMonth.of(year, month).isBefore(now)) {
            throw new DomainError(ErrorKind.INVALID, "card_expired", "the card has expired",
                    Map.of("field", prefix + "exp_year"));
        }
    }

    public void checkCvv(String prefix, String cvv) {
        if (cvv == null || !CVV.matcher(cvv).matches()) {
            throw DomainError.invalid(prefix + "cvv", "cvv is 3 or 4 digits");
        }
    }
}
