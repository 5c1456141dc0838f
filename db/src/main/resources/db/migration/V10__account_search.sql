-- Support's account search (GET /admin/v1/accounts?q=) stays fast at a million accounts: exact, prefix and contains
-- matches are each answered from an index. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: a
-- database owner may create it; on a managed database, make sure the contrib package is installed.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Exact (=) and prefix (LIKE 'abc%') on the lowercased text; text_pattern_ops serves LIKE under any collation.
-- Exact customer ids use the unique index of V1.
CREATE INDEX billing_accounts_owner_id_lower ON billing_accounts (lower(owner_id) text_pattern_ops);
CREATE INDEX billing_accounts_customer_id_lower ON billing_accounts (lower(customer_id) text_pattern_ops);
CREATE INDEX billing_accounts_email_lower ON billing_accounts (lower(profile_email) text_pattern_ops);
CREATE INDEX billing_accounts_name_lower ON billing_accounts (lower(profile_name) text_pattern_ops);

-- Contains (LIKE '%abc%') on names and emails, for search text of 3 characters or more.
CREATE INDEX billing_accounts_email_trgm ON billing_accounts USING gin (lower(profile_email) gin_trgm_ops);
CREATE INDEX billing_accounts_name_trgm ON billing_accounts USING gin (lower(profile_name) gin_trgm_ops);
