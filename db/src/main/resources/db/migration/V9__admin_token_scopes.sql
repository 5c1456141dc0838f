-- What each admin token may do: 'read', or 'read,write' to act (sync, relink, push a profile, retry an event).
-- Tokens made before scopes existed could do everything, so they keep doing so; new tokens always name theirs.
ALTER TABLE admin_tokens ADD COLUMN scopes text NOT NULL DEFAULT 'read,write'
    CONSTRAINT admin_tokens_scopes CHECK (scopes IN ('read', 'read,write'));
ALTER TABLE admin_tokens ALTER COLUMN scopes DROP DEFAULT;

-- An owner's webhook events (admin history): found by the key of their work, newest first.
CREATE INDEX webhook_events_work_key ON webhook_events (work_key, received_at DESC) WHERE work_key IS NOT NULL;
-- The last time an event was processed (admin overview), without reading every processed event.
CREATE INDEX webhook_events_processed_at ON webhook_events (processed_at) WHERE processed_at IS NOT NULL;
