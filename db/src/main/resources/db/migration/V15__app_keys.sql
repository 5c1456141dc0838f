-- Application keys: the credential of the application's backend on the server-to-server API (/v1/usage).
-- Only the SHA-256 of a key is kept, never the key. Scopes are a non-empty subset of usage:write and billing:read,
-- stored in that order so that each set has one spelling.
CREATE TABLE app_keys (
    id           bigserial   PRIMARY KEY,
    name         text        NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._-]{1,64}$'),
    key_hash     text        NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    scopes       text        NOT NULL
        CONSTRAINT app_keys_scopes CHECK (scopes IN ('usage:write', 'billing:read', 'usage:write,billing:read')),
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
