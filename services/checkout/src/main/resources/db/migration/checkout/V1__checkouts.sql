-- One row per checkout (or payment of a pending order), advanced step by step before and after each remote
-- call, so that a crash anywhere leaves a state that the recovery job can finish or compensate. Never a card
-- number, a CVV or a token: a charge that was not sent before a crash is never sent by recovery.

CREATE TABLE checkout.checkouts (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid        NOT NULL,
    -- the client's Idempotency-Key; request_hash tells a retry from a reuse of the key for another request
    idempotency_key  text        NOT NULL,
    request_hash     text        NOT NULL,
    kind             text        NOT NULL,
    state            text        NOT NULL DEFAULT 'NEW',
    -- whether a card was given: a placed order without one waits for payment, with one it is charged
    pays_now         boolean     NOT NULL,
    -- what is ordered, at the prices charged, and where it goes (JSON, snake_case), once priced
    draft            jsonb,
    order_id         uuid,
    payment_id       uuid,
    payment_status   text        NOT NULL DEFAULT '',
    decline_code     text        NOT NULL DEFAULT '',
    -- the order's status when the checkout completed
    order_status     text        NOT NULL DEFAULT '',
    -- a checkout that completed with an error (an invalid card, say) answers it again to a retry
    failure_kind     text        NOT NULL DEFAULT '',
    failure_code     text        NOT NULL DEFAULT '',
    failure_detail   text        NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    -- moved at every step: a checkout not moved for checkout.stale-after is taken over by recovery
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT checkouts_one_per_key UNIQUE (user_id, idempotency_key),
    CONSTRAINT checkouts_kind_known CHECK (kind IN ('CHECKOUT', 'PAY')),
    CONSTRAINT checkouts_state_known CHECK (state IN ('NEW', 'PRICED', 'PLACING', 'PLACED', 'CHARGING',
        'CHARGE_PENDING', 'CHARGED', 'DECLINED', 'ORDER_PAID', 'COMPLETED', 'ABANDONED'))
);

-- The recovery job's scan: only unfinished checkouts, oldest move first.
CREATE INDEX checkouts_unfinished ON checkout.checkouts (updated_at)
    WHERE state NOT IN ('COMPLETED', 'ABANDONED');

-- Every state a checkout entered, when, and by whom (the request or recovery): its history after a crash.
CREATE TABLE checkout.steps (
    checkout_id  uuid        NOT NULL REFERENCES checkout.checkouts (id) ON DELETE CASCADE,
    state        text        NOT NULL,
    actor        text        NOT NULL,
    at           timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX steps_by_checkout ON checkout.steps (checkout_id, at);
