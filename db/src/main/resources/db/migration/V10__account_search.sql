-- Support's account search (GET /admin/v1/accounts?q=) stays fast at a million accounts: exact, prefix and contains
-- matches are each answered from an index. pg_trgm (trigram matching) and btree_gin (plain columns in a GIN index)
-- ship with PostgreSQL's contrib package and are trusted extensions: a database owner may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- The name and email lowercased once, when written, rather than for every row a search reads.
ALTER TABLE billing_accounts
    ADD COLUMN search_name text GENERATED ALWAYS AS (lower(profile_name)) STORED,
    ADD COLUMN search_email text GENERATED ALWAYS AS (lower(profile_email)) STORED;

-- A search that matches many accounts walks them in owner order and stops when the page is full: this index holds
-- everything a walk tests, so it reads no table row (an index-only scan; autovacuum keeps the visibility map that
-- allows it up to date).
CREATE INDEX billing_accounts_search_walk ON billing_accounts (owner_type, owner_id)
    INCLUDE (customer_id, search_email, search_name);

-- A search that matches few accounts finds them through the indexes below and sorts them. Every index leads with the
-- owner type: the search pages one owner type after the other, and a text may be common among organizations
-- (billing@...) yet absent among users, which an index of the text alone cannot tell apart.

-- Exact (=) and prefix (LIKE 'abc%') on the lowercased text; text_pattern_ops serves LIKE under any collation.
-- Exact owner ids use the primary key, exact customer ids the unique index of V1.
CREATE INDEX billing_accounts_owner_id_lower ON billing_accounts (owner_type, lower(owner_id) text_pattern_ops);
CREATE INDEX billing_accounts_customer_id_lower ON billing_accounts (owner_type, lower(customer_id) text_pattern_ops);
CREATE INDEX billing_accounts_email_lower ON billing_accounts (owner_type, search_email text_pattern_ops);
CREATE INDEX billing_accounts_name_lower ON billing_accounts (owner_type, search_name text_pattern_ops);

-- Contains (LIKE '%abc%') on names and emails, for search text of 3 characters or more. Without fastupdate a new
-- entry goes straight into the index, so a search never reads a pending list of unsorted entries.
CREATE INDEX billing_accounts_email_trgm ON billing_accounts USING gin (owner_type, search_email gin_trgm_ops)
    WITH (fastupdate = off);
CREATE INDEX billing_accounts_name_trgm ON billing_accounts USING gin (owner_type, search_name gin_trgm_ops)
    WITH (fastupdate = off);
