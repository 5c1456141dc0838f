-- True from a change of billing state until every snapshot listener (e.g. publishing to Clerk) has succeeded for it,
-- so a listener that failed runs again on the next sync even though the state no longer differs.
ALTER TABLE customer_snapshots ADD COLUMN listeners_pending boolean NOT NULL DEFAULT false;
