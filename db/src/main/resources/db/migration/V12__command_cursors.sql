-- How far an interrupted operator command got, one row per kind of run ('backfill'), so the next run continues
-- after the last owner done instead of starting over. Cleared when a run completes.
CREATE TABLE command_cursors (
    run_kind             text        PRIMARY KEY,
    stage                text        NOT NULL CHECK (stage IN ('user', 'organization')),
    position             integer     NOT NULL CHECK (position >= 1),
    last_owner_id        text        NOT NULL,
    users_created        integer     NOT NULL CHECK (users_created >= 0),
    users_recovered      integer     NOT NULL CHECK (users_recovered >= 0),
    users_existing       integer     NOT NULL CHECK (users_existing >= 0),
    users_failed         integer     NOT NULL CHECK (users_failed >= 0),
    orgs_created         integer     NOT NULL CHECK (orgs_created >= 0),
    orgs_recovered       integer     NOT NULL CHECK (orgs_recovered >= 0),
    orgs_existing        integer     NOT NULL CHECK (orgs_existing >= 0),
    orgs_failed          integer     NOT NULL CHECK (orgs_failed >= 0),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
