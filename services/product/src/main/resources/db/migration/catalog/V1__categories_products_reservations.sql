-- The catalog: categories, products with their stock and a full-text search vector, and the stock reserved
-- per order.

CREATE TABLE catalog.categories (
    -- lower case words joined by hyphens ("home-garden"): the key merchants and shoppers use
    slug        text        PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 50),
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- fillfactor: every reservation rewrites a row's stock; room left on each page keeps those updates HOT,
-- so they touch no index.
CREATE TABLE catalog.products (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name          text        NOT NULL,
    description   text        NOT NULL DEFAULT '',
    -- '' when the product has no picture
    picture_url   text        NOT NULL DEFAULT '',
    price_amount  bigint      NOT NULL CHECK (price_amount >= 0),
    currency      char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- units for sale now: reservations are taken off as they are made
    stock         integer     NOT NULL CHECK (stock >= 0),
    -- soft delete: orders keep pointing at the row
    deleted_at    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    search        tsvector    GENERATED ALWAYS AS (
                      setweight(to_tsvector('english', name), 'A')
                      || setweight(to_tsvector('english', description), 'B')) STORED
) WITH (fillfactor = 90);

-- Every browsing query reads live products only, so the indexes hold only those. fastupdate off: the
-- catalog is written rarely and searched all the time, and a pending list (flushed only by vacuum) makes
-- every search scan it, until the planner prefers a sequential scan.
CREATE INDEX products_search ON catalog.products USING gin (search) WITH (fastupdate = off)
    WHERE deleted_at IS NULL;
CREATE INDEX products_by_name ON catalog.products (name, id) WHERE deleted_at IS NULL;

CREATE TABLE catalog.product_categories (
    product_id  uuid NOT NULL REFERENCES catalog.products (id),
    category    text NOT NULL REFERENCES catalog.categories (slug),
    PRIMARY KEY (product_id, category)
);

-- the category filter: from a category to its products
CREATE INDEX product_categories_by_category ON catalog.product_categories (category, product_id);

-- One row per order: the idempotency key of ReserveStock, ReleaseStock and CommitStock.
CREATE TABLE catalog.reservations (
    order_id    uuid        PRIMARY KEY,
    state       text        NOT NULL CHECK (state IN ('RESERVED', 'RELEASED', 'COMMITTED')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE catalog.reservation_items (
    order_id    uuid    NOT NULL REFERENCES catalog.reservations (order_id),
    product_id  uuid    NOT NULL REFERENCES catalog.products (id),
    quantity    integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
