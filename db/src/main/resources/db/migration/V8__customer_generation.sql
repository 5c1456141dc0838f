-- How many Stripe customers were released from the owner (deleted or missing in Stripe, or replaced by an admin
-- relink). The next customer is created under an idempotency key of this generation, so Stripe never replays a
-- deleted one. A released row keeps its owner, profile and state and has no customer id.
ALTER TABLE billing_accounts
    ADD COLUMN customer_generation integer NOT NULL DEFAULT 0 CHECK (customer_generation >= 0);
