-- One row per owner (a Clerk user or organization); at most one Stripe customer per owner and per row.
CREATE TABLE billing_accounts (
    owner_type       text        NOT NULL CHECK (owner_type IN ('user', 'organization')),
    owner_id         text        NOT NULL CHECK (length(owner_id) BETWEEN 1 AND 128),
    customer_id      text        UNIQUE CHECK (customer_id LIKE 'cus\_%'),
    profile_name     text,
    profile_email    text,
    profile_metadata jsonb       NOT NULL DEFAULT '{}'::jsonb,
    sync_state       text        NOT NULL CHECK (sync_state IN ('pending', 'active', 'deleted')),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (owner_type, owner_id),
    CHECK (sync_state <> 'active' OR customer_id IS NOT NULL)
);
