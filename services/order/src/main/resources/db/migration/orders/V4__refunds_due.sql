-- the refund retry job's batch: the few paid orders whose owner's cancel is waiting for its refund
CREATE INDEX orders_refunds_due ON orders.orders (refund_requested_at)
    WHERE status = 'PAID' AND refund_requested_at IS NOT NULL;
