-- Orders with their own copy of what was bought, at the price it was bought for, and where it goes.

CREATE TABLE orders.orders (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid        NOT NULL,
    -- the checkout id: one order per checkout and owner; request_hash tells a retry from a reuse of the key
    idempotency_key  text        NOT NULL,
    request_hash     text        NOT NULL,
    status           text        NOT NULL DEFAULT 'PENDING_PAYMENT',
    cancel_reason    text,
    email            text        NOT NULL,
    -- the recipient and the shipping address, copied: a later change of the user's address book leaves them
    name             text        NOT NULL DEFAULT '',
    street_address   text        NOT NULL,
    city             text        NOT NULL,
    state            text        NOT NULL DEFAULT '',
    country          text        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    zip_code         text        NOT NULL DEFAULT '',
    phone            text        NOT NULL DEFAULT '',
    currency         char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- minor units of currency: the sum of the items' costs
    total_amount     bigint      NOT NULL CHECK (total_amount >= 0),
    payment_id       uuid,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    paid_at          timestamptz,
    cancelled_at     timestamptz,
    CONSTRAINT orders_one_per_key UNIQUE (user_id, idempotency_key),
    CONSTRAINT orders_status_known CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'CANCELLED', 'REFUNDED')),
    CONSTRAINT orders_reason_known CHECK (cancel_reason IN ('USER', 'PAYMENT_FAILED', 'TIMEOUT')),
    CONSTRAINT orders_reason_iff_cancelled CHECK ((cancel_reason IS NOT NULL) = (status IN ('CANCELLED', 'REFUNDED'))),
    CONSTRAINT orders_paid_with_payment CHECK (status NOT IN ('PAID', 'REFUNDED')
        OR (payment_id IS NOT NULL AND paid_at IS NOT NULL))
);

-- the owner's list, newest first
CREATE INDEX orders_by_owner ON orders.orders (user_id, created_at DESC, id);
-- the auto-cancel job's scan: only the unpaid orders, oldest first
CREATE INDEX orders_awaiting_payment ON orders.orders (status, created_at) WHERE status = 'PENDING_PAYMENT';

CREATE TABLE orders.order_items (
    order_id           uuid    NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
    product_id         uuid    NOT NULL,
    -- the position in the order as placed, so it reads back in the same order
    line               integer NOT NULL,
    -- the product's name and unit price when ordered: the product may change or be deleted later
    name               text    NOT NULL,
    quantity           integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    unit_price_amount  bigint  NOT NULL CHECK (unit_price_amount >= 0),
    cost_amount        bigint  NOT NULL,
    PRIMARY KEY (order_id, product_id),
    CONSTRAINT order_items_cost CHECK (cost_amount = quantity * unit_price_amount)
);
