-- Payments, the ledger of their changes of state, and the card vault. No table holds a card number or a CVV.

CREATE TABLE payments.payments (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid        NOT NULL,
    -- the checkout id: a repeat of a charge with the same key finds this row instead of charging again
    idempotency_key  text        NOT NULL,
    order_id         uuid        NOT NULL,
    status           text        NOT NULL DEFAULT 'PENDING',
    -- minor units of currency
    amount           bigint      NOT NULL CHECK (amount > 0),
    currency         char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    decline_code     text        NOT NULL DEFAULT '',
    -- both '' for a charge abandoned before it reached payment (no card was ever seen)
    card_brand       text        NOT NULL,
    card_last4       text        NOT NULL CHECK (card_last4 ~ '^[0-9]{4}$' OR (card_last4 = '' AND status = 'CANCELLED')),
    -- the vault token charged, when the card was a saved one
    card_token       text,
    -- the order id of the refund, once refunded
    refund_key       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payments_one_per_key UNIQUE (user_id, idempotency_key),
    CONSTRAINT payments_status_known CHECK (status IN ('PENDING', 'SUCCEEDED', 'DECLINED', 'CANCELLED', 'REFUNDED')),
    CONSTRAINT payments_declined_with_code CHECK ((status = 'DECLINED') = (decline_code <> ''))
);

-- An order is paid at most once: one payment in flight or taken per order, whatever the keys.
CREATE UNIQUE INDEX payments_one_live_per_order ON payments.payments (order_id)
    WHERE status IN ('PENDING', 'SUCCEEDED');
-- the sweep's scan: only the pending payments, oldest first
CREATE INDEX payments_pending ON payments.payments (created_at) WHERE status = 'PENDING';

-- Every change of state of every payment, in the statement that makes it; from_status is NULL at creation.
CREATE TABLE payments.payment_events (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id   uuid        NOT NULL REFERENCES payments.payments (id),
    from_status  text,
    to_status    text        NOT NULL,
    -- what made the change: charge, processor, cancel, sweep, refund, abandon
    cause        text        NOT NULL,
    at           timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX payment_events_by_payment ON payments.payment_events (payment_id, id);

-- Cards tokenized for a user. fingerprint is an HMAC of the user and the number under a secret key (so the
-- same card of the same user gets the same token, and the number cannot be found from the table); outcome
-- is what the simulated processor answers for the card.
CREATE TABLE payments.vault_cards (
    token        text        PRIMARY KEY,
    user_id      uuid        NOT NULL,
    fingerprint  text        NOT NULL,
    brand        text        NOT NULL,
    last4        text        NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
    exp_month    integer     NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
    exp_year     integer     NOT NULL,
    outcome      text        NOT NULL CHECK (outcome IN ('APPROVE', 'CARD_DECLINED', 'INSUFFICIENT_FUNDS')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT vault_cards_one_per_card UNIQUE (user_id, fingerprint)
);
