-- Events to the application's endpoints (outbound webhooks), one row per event and endpoint, kept until the endpoint
-- accepted it (delivered_at) or it was given up (given_up_at). The same event id goes to every endpoint and on every
-- retry, so a receiver deduplicates by it. seq orders an owner's events: the worker sends an owner's next event to an
-- endpoint only when every earlier one is delivered or given up.
CREATE TABLE event_outbox (
    event_id text NOT NULL CHECK (event_id ~ '^msg_[A-Za-z0-9]{1,64}$'),
    endpoint text NOT NULL CHECK (length(endpoint) BETWEEN 1 AND 2048),
    seq bigint GENERATED ALWAYS AS IDENTITY,
    type text NOT NULL CHECK (type IN ('billing.updated', 'checkout.completed', 'payment.failed',
        'payment.action_required', 'trial.will_end', 'usage.rejected')),
    owner_key text NOT NULL CHECK (owner_key ~ '^(user|organization):[A-Za-z0-9_-]{1,128}$'),
    payload jsonb NOT NULL,
    created_at timestamptz NOT NULL,
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL,
    -- When the delivery's day of retries began: created_at, or when support last retried it by hand.
    retries_from timestamptz NOT NULL,
    delivered_at timestamptz,
    given_up_at timestamptz,
    -- The last failed attempt's status code or error kind (timeout, connect, ...); never the receiver's answer.
    last_error text CHECK (length(last_error) <= 64),
    PRIMARY KEY (event_id, endpoint),
    CHECK (delivered_at IS NULL OR given_up_at IS NULL)
);

-- The undone rows, by endpoint and owner in order: serves both the due claim and its "no earlier undone event of the
-- same owner" test, and stays small however many rows are delivered.
CREATE INDEX event_outbox_undone ON event_outbox (endpoint, owner_key, seq)
    WHERE delivered_at IS NULL AND given_up_at IS NULL;

-- The plan-level summary the last billing.updated event of each owner told, its "previous" for the next one; written
-- in the same transaction as the event, under a row lock, so an owner's events are numbered in the order they differ.
CREATE TABLE event_owner_summaries (
    owner_key text PRIMARY KEY CHECK (owner_key ~ '^(user|organization):[A-Za-z0-9_-]{1,128}$'),
    summary jsonb,
    updated_at timestamptz NOT NULL
);

-- The admin API lists deliveries newest first, by owner or by endpoint.
CREATE INDEX event_outbox_owner ON event_outbox (owner_key, seq);
CREATE INDEX event_outbox_endpoint ON event_outbox (endpoint, seq);

-- One instance at a time posts to an endpoint: the holder of its unexpired lease.
CREATE TABLE event_endpoint_leases (
    endpoint text PRIMARY KEY,
    holder text NOT NULL,
    held_until timestamptz NOT NULL
);

-- The webhook work kinds that record events to the application re-sync a customer (their key, so they are listed
-- among its owner's events) and re-read a Stripe object: its id in work_object, which no other kind has.
ALTER TABLE webhook_events ADD COLUMN work_object text;
ALTER TABLE webhook_events DROP CONSTRAINT webhook_events_work, ADD CONSTRAINT webhook_events_work CHECK (
    CASE work_kind
        WHEN 'catalog.refresh' THEN work_key IS NULL
        WHEN 'none' THEN work_key IS NULL
        WHEN 'customer.resync' THEN coalesce(work_key ~ '^cus_[A-Za-z0-9]{1,64}$', false)
        WHEN 'owner.created' THEN coalesce(work_key ~ '^(user|organization):[A-Za-z0-9_-]{1,128}$', false)
        WHEN 'owner.changed' THEN coalesce(work_key ~ '^(user|organization):[A-Za-z0-9_-]{1,128}$', false)
        WHEN 'owner.deleted' THEN coalesce(work_key ~ '^(user|organization):[A-Za-z0-9_-]{1,128}$', false)
        WHEN 'membership.changed' THEN coalesce(work_key ~ '^[A-Za-z0-9_-]{1,128}$', false)
        WHEN 'checkout.completed' THEN coalesce(work_key ~ '^cus_[A-Za-z0-9]{1,64}$', false)
        WHEN 'invoice.payment_failed' THEN coalesce(work_key ~ '^cus_[A-Za-z0-9]{1,64}$', false)
        WHEN 'invoice.action_required' THEN coalesce(work_key ~ '^cus_[A-Za-z0-9]{1,64}$', false)
        WHEN 'subscription.trial_will_end' THEN coalesce(work_key ~ '^cus_[A-Za-z0-9]{1,64}$', false)
        ELSE false
    END),
    ADD CONSTRAINT webhook_events_work_object CHECK (
    CASE work_kind
        WHEN 'checkout.completed' THEN coalesce(work_object ~ '^cs_[A-Za-z0-9_]{1,200}$', false)
        WHEN 'invoice.payment_failed' THEN coalesce(work_object ~ '^in_[A-Za-z0-9_]{1,250}$', false)
        WHEN 'invoice.action_required' THEN coalesce(work_object ~ '^in_[A-Za-z0-9_]{1,250}$', false)
        WHEN 'subscription.trial_will_end' THEN coalesce(work_object ~ '^sub_[A-Za-z0-9_]{1,250}$', false)
        ELSE work_object IS NULL
    END);
