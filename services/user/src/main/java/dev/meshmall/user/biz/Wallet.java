package dev.meshmall.user.biz;

import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.platform.text.Texts;

/**
 * A user's saved cards, at most {@value #MAX_CARDS}. The number is checked and tokenized, then only its brand,
 * last four digits and expiry are kept; a CVV, when sent, is checked for shape and dropped.
 */
public final class Wallet {
    public static final int MAX_CARDS = 20;
    private static final int MAX_YEARS_AHEAD = 30;
    private static final Pattern CVV = Pattern.compile("[0-9]{3,4}");
    private static final String WHAT = "card";

    private final CardStore cards;
    private final CardTokenizer tokenizer;
    private final Clock clock;

    public Wallet(CardStore cards, CardTokenizer tokenizer, Clock clock) {
        this.cards = cards;
        this.tokenizer = tokenizer;
        this.clock = clock;
    }

    public Page<SavedCard> list(UUID me, PageRequest page) {
        return cards.list(me, page);
    }

    /** One of the caller's cards, with its token: what payment needs to charge it. */
    public SavedCard get(UUID me, String id) {
        return cards.find(me, Ids.require(id, WHAT)).orElseThrow(() -> DomainError.notFound(WHAT));
    }

    public SavedCard add(UUID me, NewCard card) {
        CardNumber number = CardNumber.parse("number", card.number());
        checkExpiry(card.expMonth(), card.expYear());
        String holder = Texts.optional("holder_name", card.holderName(), 100);
        if (card.cvv().isPresent() && !CVV.matcher(card.cvv().get()).matches()) {
            throw DomainError.invalid("cvv", "cvv is 3 or 4 digits");
        }
        CardToSave toSave = new CardToSave(number.brand(), number.last4(), card.expMonth(), card.expYear(), holder,
                tokenizer.tokenize(number, card.expMonth(), card.expYear()));
        return switch (cards.add(me, toSave, MAX_CARDS)) {
            case Insertion.Inserted<SavedCard> inserted -> inserted.value();
            case Insertion.LimitReached<SavedCard> full -> throw DomainError.conflict("too_many_cards",
                    "an account keeps at most " + MAX_CARDS + " cards");
            case Insertion.OwnerGone<SavedCard> gone -> throw DomainError.notFound("user");
        };
    }

    public void remove(UUID me, String id) {
        if (!cards.remove(me, Ids.require(id, WHAT))) {
            throw DomainError.notFound(WHAT);
        }
    }

    /** A card is good through the last day of its expiry month (UTC). */
    private void checkExpiry(int month, int year) {
        if (month < 1 || month > 12) {
            throw DomainError.invalid("exp_month", "exp_month is 1 to 12");
        }
        YearMonth now = YearMonth.now(clock);
        if (year < 1000 || year > now.getYear() + MAX_YEARS_AHEAD) {
            throw DomainError.invalid("exp_year", "exp_year is the four-digit year the card expires");
        }
        if (YearMonth.of(year, month).isBefore(now)) {
            throw new DomainError(ErrorKind.INVALID, "card_expired", "the card has expired", Map.of("field", "exp_year"));
        }
    }
}
