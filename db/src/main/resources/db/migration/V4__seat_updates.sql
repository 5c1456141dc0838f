-- Quantity updates made per subscription, so every instance together stays under Stripe's 200 per hour.
CREATE TABLE seat_updates (
    subscription_id text        NOT NULL,
    at              timestamptz NOT NULL
);
CREATE INDEX seat_updates_recent ON seat_updates (subscription_id, at);
