-- Accounts with their credentials, and what their owners save: addresses and cards.

CREATE TABLE users.accounts (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    -- lower-cased and trimmed by the service; a deleted account's becomes deleted+<id>@invalid
    email          text        NOT NULL,
    name           text        NOT NULL,
    -- PHC string ($argon2id$v=19$m=...); NULL once the account is deleted
    password_hash  text,
    roles          text[]      NOT NULL DEFAULT ARRAY['customer'],
    status         text        NOT NULL DEFAULT 'ACTIVE',
    failed_logins  integer     NOT NULL DEFAULT 0,
    locked_until   timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT accounts_status_known CHECK (status IN ('ACTIVE', 'BANNED', 'DELETED')),
    CONSTRAINT accounts_roles_known CHECK (cardinality(roles) > 0
        AND roles <@ ARRAY['customer', 'merchant', 'admin']),
    CONSTRAINT accounts_password_unless_deleted CHECK (status = 'DELETED' OR password_hash IS NOT NULL),
    CONSTRAINT accounts_failed_logins_positive CHECK (failed_logins >= 0)
);

-- text_pattern_ops: the same index serves the login lookup, ON CONFLICT (email) and the admin's prefix search
CREATE UNIQUE INDEX accounts_email_key ON users.accounts (email text_pattern_ops);
CREATE INDEX accounts_created ON users.accounts (created_at, id);

CREATE TABLE users.addresses (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         uuid        NOT NULL REFERENCES users.accounts (id),
    -- optional fields are '' when absent, as in the gRPC contract
    name            text        NOT NULL DEFAULT '',
    street_address  text        NOT NULL,
    city            text        NOT NULL,
    state           text        NOT NULL DEFAULT '',
    country         text        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    zip_code        text        NOT NULL,
    phone           text        NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX addresses_user ON users.addresses (user_id, created_at, id);

-- Never the card number nor the CVV: what identifies the card to people, and the processor's token.
CREATE TABLE users.cards (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid        NOT NULL REFERENCES users.accounts (id),
    brand        text        NOT NULL,
    last4        text        NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
    exp_month    integer     NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
    exp_year     integer     NOT NULL,
    holder_name  text        NOT NULL DEFAULT '',
    token        text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX cards_user ON users.cards (user_id, created_at, id);
