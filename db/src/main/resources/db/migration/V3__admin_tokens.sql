-- Bearer tokens of the admin API (support console, operators). Only the SHA-256 of a token is kept, never the token.
CREATE TABLE admin_tokens (
    id           bigserial   PRIMARY KEY,
    name         text        NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._-]{1,64}$'),
    token_hash   text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
