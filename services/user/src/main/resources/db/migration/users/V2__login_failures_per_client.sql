-- Failed logins are counted per account and client (its address as the edge saw it), so that a guesser's
-- failures hold off the guesser's address and not the owner logging in from elsewhere. A right password deletes
-- its client's row; failures older than the lock duration are forgotten.

CREATE TABLE users.login_failures (
    account_id       uuid        NOT NULL REFERENCES users.accounts (id),
    -- the address auth reports for the attempt ('unknown' when it had none)
    client           text        NOT NULL,
    -- attempts since this client's last right password (each counted before its password is checked)
    failures         integer     NOT NULL CHECK (failures > 0),
    last_failure_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, client)
);

ALTER TABLE users.accounts DROP COLUMN failed_logins, DROP COLUMN locked_until;
