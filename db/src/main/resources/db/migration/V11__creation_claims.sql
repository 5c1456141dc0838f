-- A claim on creating the owner's Stripe customer, held in the row rather than as a lock on a database connection:
-- the claimant calls Clerk and Stripe holding no connection, then links the customer (which clears the claim). A
-- claim whose time has passed (its holder crashed) is taken over by the next caller.
ALTER TABLE billing_accounts
    ADD COLUMN creation_claim uuid,
    ADD COLUMN creation_claimed_until timestamptz;

-- A claim has both parts, and only an owner with no customer has one. NOT VALID: every existing row has neither
-- column, so the check skips the scan of the whole table (new and updated rows are checked all the same).
ALTER TABLE billing_accounts
    ADD CONSTRAINT billing_accounts_creation_claim_whole
        CHECK ((creation_claim IS NULL) = (creation_claimed_until IS NULL)) NOT VALID,
    ADD CONSTRAINT billing_accounts_creation_claim_unlinked
        CHECK (creation_claim IS NULL OR customer_id IS NULL) NOT VALID;
