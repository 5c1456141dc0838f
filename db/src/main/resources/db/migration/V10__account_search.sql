-- Support's account search (GET /admin/v1/accounts?q=) stays fast at a million accounts: exact, prefix and contains
-- matches are each answered from an index. pg_trgm (trigram matching) and btree_gin (plain columns in a GIN index)
-- ship with PostgreSQL's contrib package and are trusted extensions: a database owner may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- Every index leads with the owner type: the search pages one owner type after the other, and a text may be common
-- among organizations (billing@...) yet absent among users, which an index of the text alone cannot tell apart.

-- Exact (=) and prefix (LIKE 'abc%') on the lowercased text; text_pattern_ops serves LIKE under any collation.
-- Exact customer ids use the unique index of V1.
CREATE INDEX billing_accounts_owner_id_lower ON billing_accounts (owner_type, lower(owner_id) text_pattern_ops);
CREATE INDEX billing_accounts_customer_id_lower ON billing_accounts (owner_type, lower(customer_id) text_pattern_ops);
CREATE INDEX billing_accounts_email_lower ON billing_accounts (owner_type, lower(profile_email) text_pattern_ops);
CREATE INDEX billing_accounts_name_lower ON billing_accounts (owner_type, lower(profile_name) text_pattern_ops);

-- Contains (LIKE '%abc%') on names and emails, for search text of 3 characters or more.
CREATE INDEX billing_accounts_email_trgm ON billing_accounts USING gin (owner_type, lower(profile_email) gin_trgm_ops);
CREATE INDEX billing_accounts_name_trgm ON billing_accounts USING gin (owner_type, lower(profile_name) gin_trgm_ops);
