-- Usage reported by the application's backend, on its way to Stripe's meter events API: one row per event, kept
-- after it was sent. The identifier is the application's id for the event: unique here (a report repeating a stored
-- identifier is counted as a duplicate and dropped; the first event stored with it wins, whatever the later one
-- says) and sent to Stripe as the meter event's identifier, so a resend after a lost answer never counts twice.
-- state: pending (to be sent when next_attempt_at comes; a claim pushes next_attempt_at ahead while it is sent),
-- waiting (kept until the owner has a customer with a subscription metering the event; next_attempt_at is the next
-- check), sent, rejected (Stripe refused it for good; last_error holds Stripe's code).
CREATE TABLE usage_events (
    identifier text PRIMARY KEY CHECK (identifier ~ '^[!-~]{1,100}$'),
    seq bigint GENERATED ALWAYS AS IDENTITY,
    owner_key text NOT NULL CHECK (owner_key ~ '^(user|organization):[A-Za-z0-9_-]{1,128}$'),
    customer_id text CHECK (customer_id ~ '^cus_[A-Za-z0-9]{1,64}$'),
    event_name text NOT NULL CHECK (event_name ~ '^[!-~]{1,100}$'),
    value bigint NOT NULL CHECK (value BETWEEN 0 AND 999999999999),
    -- When the usage happened: the reported timestamp, else received_at; sent to Stripe as the event's timestamp.
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    state text NOT NULL CHECK (state IN ('pending', 'waiting', 'sent', 'rejected')),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL,
    sent_at timestamptz,
    -- The last failed attempt's kind (server_error, rate_limited, ...) or the refusal's code; never Stripe's answer.
    last_error text CHECK (last_error ~ '^[a-z][a-z0-9_]{0,63}$'),
    CHECK (state = 'waiting' OR customer_id IS NOT NULL),
    CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);

-- The pending rows in arrival order: serves the due claim and stays small however many rows were sent.
CREATE INDEX usage_events_pending ON usage_events (seq) WHERE state = 'pending';

-- The waiting rows by owner and event name, for the periodic check whether they can be released.
CREATE INDEX usage_events_waiting ON usage_events (owner_key, event_name, next_attempt_at) WHERE state = 'waiting';
