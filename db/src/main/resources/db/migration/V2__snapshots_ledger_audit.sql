-- The latest billing state of each customer, as fetched from Stripe; reads are served from here.
CREATE TABLE customer_snapshots (
    customer_id text        PRIMARY KEY REFERENCES billing_accounts (customer_id) ON DELETE CASCADE,
    owner_type  text        NOT NULL,
    owner_id    text        NOT NULL,
    snapshot    jsonb       NOT NULL,
    synced_at   timestamptz NOT NULL,
    dirty       boolean     NOT NULL DEFAULT false
);

-- Every webhook event received (Stripe and Clerk), for deduplication and retried processing.
-- Only what tells us whom to re-sync is kept: never the payload.
CREATE TABLE webhook_events (
    source          text        NOT NULL CHECK (source IN ('stripe', 'clerk')),
    event_id        text        NOT NULL CHECK (length(event_id) BETWEEN 1 AND 255),
    type            text        NOT NULL,
    subject         text,
    status          text        NOT NULL CHECK (status IN ('pending', 'processed', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    received_at     timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    processed_at    timestamptz,
    last_error      text,
    PRIMARY KEY (source, event_id)
);
CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at) WHERE status <> 'processed';

-- Who started which billing session for which owner, and every denied attempt.
CREATE TABLE audit_log (
    id         bigserial   PRIMARY KEY,
    at         timestamptz NOT NULL,
    actor      text        NOT NULL,
    owner_key  text,
    action     text        NOT NULL,
    outcome    text        NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
    detail     text        NOT NULL,
    request_id text
);
CREATE INDEX audit_log_owner ON audit_log (owner_key, at DESC);
