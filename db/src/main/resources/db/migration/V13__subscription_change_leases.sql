-- One lifecycle write (plan change, withdrawal, cancel, resume) per subscription at a time, across every instance:
-- the writer holds a row for the subscription while it calls Stripe, holding no connection. A lease whose time has
-- passed (its holder crashed) is taken over by the next writer; releasing deletes the row only if still the holder's.
CREATE TABLE subscription_change_leases (
    subscription_id text PRIMARY KEY,
    holder uuid NOT NULL,
    held_until timestamptz NOT NULL
);
