-- Orders are priced from the catalog: an order is stored PLACING, with its lines but neither names nor prices,
-- before its stock is reserved; product's reservation answers the names and prices, and the order becomes
-- PENDING_PAYMENT with them. A PLACING order is shown to nobody: it is the record that lets a crash between the
-- two be healed by a retry or released by the auto-cancel job.
ALTER TABLE orders.orders DROP CONSTRAINT orders_status_known;
ALTER TABLE orders.orders ADD CONSTRAINT orders_status_known
    CHECK (status IN ('PLACING', 'PENDING_PAYMENT', 'PAID', 'CANCELLED', 'REFUNDED'));
ALTER TABLE orders.orders ALTER COLUMN status SET DEFAULT 'PLACING';
ALTER TABLE orders.orders ALTER COLUMN total_amount DROP NOT NULL;
ALTER TABLE orders.orders ADD CONSTRAINT orders_priced_once_placed CHECK (status = 'PLACING' OR total_amount IS NOT NULL);
ALTER TABLE orders.order_items
    ALTER COLUMN name DROP NOT NULL,
    ALTER COLUMN unit_price_amount DROP NOT NULL,
    ALTER COLUMN cost_amount DROP NOT NULL;

-- When the owner cancelled the order once paid: committed before payment is asked for the refund, so payment,
-- asking order, sees the cancel it refunds for.
ALTER TABLE orders.orders ADD COLUMN refund_requested_at timestamptz;
ALTER TABLE orders.orders ADD CONSTRAINT orders_refund_requested_when_paid
    CHECK (refund_requested_at IS NULL OR status IN ('PAID', 'REFUNDED'));

-- the auto-cancel job's scan: the orders not yet paid (or never placed), oldest first
DROP INDEX orders.orders_awaiting_payment;
CREATE INDEX orders_unsettled ON orders.orders (created_at) WHERE status IN ('PLACING', 'PENDING_PAYMENT');

CREATE OR REPLACE VIEW orders.orders_with_items AS
SELECT o.id, o.user_id, o.status, COALESCE(o.cancel_reason, '') AS cancel_reason, o.email, o.name,
       o.street_address, o.city, o.state, o.country, o.zip_code, o.phone, o.currency, o.total_amount,
       COALESCE(CAST(o.payment_id AS text), '') AS payment_id, o.created_at, o.updated_at,
       COALESCE(CAST((SELECT json_agg(json_build_object('product_id', i.product_id, 'name', i.name,
                                                        'quantity', i.quantity, 'unit_price', i.unit_price_amount)
                                      ORDER BY i.line)
                      FROM orders.order_items i WHERE i.order_id = o.id) AS text), '[]') AS items,
       o.refund_requested_at IS NOT NULL AS refund_requested
FROM orders.orders o;
