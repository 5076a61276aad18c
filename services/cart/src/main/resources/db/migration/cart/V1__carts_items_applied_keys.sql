-- Each shopper's cart: product ids and quantities only (prices are read from product when shown, so a cart
-- never holds a stale price). The owner is the user id of the access token; no foreign key, since accounts
-- live in another service's schema.

-- One row per shopper who ever changed their cart. It keeps the time of the last change, which outlives
-- emptied carts, and adding a line locks it, so two concurrent adds count the lines one after the other.
CREATE TABLE cart.carts (
    user_id     uuid        PRIMARY KEY,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cart.items (
    user_id     uuid        NOT NULL,
    product_id  uuid        NOT NULL,
    quantity    integer     NOT NULL,
    added_at    timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, product_id),
    CONSTRAINT items_quantity_range CHECK (quantity BETWEEN 1 AND 999)
);

-- The idempotency keys of the changes already made (AddItem, EmptyCart), recorded in the transaction of the
-- change itself, so a retried call finds its key and changes nothing. Kept for a retention period
-- (cart.idempotency-key-retention), pruned per user when that user records a new key.
CREATE TABLE cart.applied_keys (
    user_id          uuid        NOT NULL,
    operation        text        NOT NULL,
    idempotency_key  text        NOT NULL,
    applied_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, operation, idempotency_key),
    CONSTRAINT applied_keys_operation_known CHECK (operation IN ('add_item', 'empty_cart'))
);
