-- An order as every read answers it: its columns with absent values as '', and its items as one JSON array in
-- line order. Reading one, a page, or one locked (FOR UPDATE locks the orders row beneath) says it once.
CREATE VIEW orders.orders_with_items AS
SELECT o.id, o.user_id, o.status, COALESCE(o.cancel_reason, '') AS cancel_reason, o.email, o.name,
       o.street_address, o.city, o.state, o.country, o.zip_code, o.phone, o.currency, o.total_amount,
       COALESCE(CAST(o.payment_id AS text), '') AS payment_id, o.created_at, o.updated_at,
       COALESCE(CAST((SELECT json_agg(json_build_object('product_id', i.product_id, 'name', i.name,
                                                        'quantity', i.quantity, 'unit_price', i.unit_price_amount)
                                      ORDER BY i.line)
                      FROM orders.order_items i WHERE i.order_id = o.id) AS text), '[]') AS items
FROM orders.orders o;
