package dev.meshmall.user.biz;

import java.time.Clock;
import java.util.UUID;

import dev.meshmall.platform.card.CardNumber;
import dev.meshmall.platform.card.CardRules;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.platform.text.Ids;
import dev.meshmall.platform.text.Texts;

/**
 * A user's saved cards, at most {@value #MAX_CARDS}. The number is checked and tokenized, then only its brand,
 * last four digits and expiry are kept; a CVV, when sent, is checked for shape and dropped.
 */
public final class Wallet {
    public static final int MAX_CARDS = 20;
    private static final String WHAT = "card";

    private final CardStore cards;
    private final CardTokenizer tokenizer;
    private final CardRules rules;

    public Wallet(CardStore cards, CardTokenizer tokenizer, Clock clock) {
        this.cards = cards;
        this.tokenizer = tokenizer;
        this.rules = new CardRules(clock);
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
        rules.checkExpiry("", card.expMonth(), card.expYear());
        String holder = Texts.optional("holder_name", card.holderName(), 100);
        card.cvv().ifPresent(cvv -> rules.checkCvv("", cvv));
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
}
