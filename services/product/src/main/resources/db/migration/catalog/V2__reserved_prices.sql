-- The unit price each item was reserved at: the catalog's price, read in the transaction that took the stock.
-- Order prices its orders from it, and a repeat of a reservation answers it even after the price changed.
-- Reservations made before this migration have none; a repeat of one answers the product's price of the time.
ALTER TABLE catalog.reservation_items
    ADD COLUMN unit_price_amount bigint CHECK (unit_price_amount >= 0),
    ADD COLUMN currency char(3) CHECK (currency ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT reservation_items_priced CHECK ((unit_price_amount IS NULL) = (currency IS NULL));
