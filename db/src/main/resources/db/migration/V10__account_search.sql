-- Support's account search (GET /admin/v1/accounts?q=) stays fast at a million accounts: exact, prefix and contains
-- matches are each answered from an index. pg_trgm (trigram matching) ships with PostgreSQL's contrib package and is
-- a trusted extension: a database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The searched texts lowercased once, when written, rather than for every row a search reads. In names and emails
-- the punctuation that separates words is also spelled as a capital letter, which a lowercased text never holds
-- (space S, . D, @ A, _ U, - M, + P, ' Q, comma C): trigrams are taken from words, so a search for "l.com" would
-- otherwise look for the trigrams of "com" alone, which every email has. The search spells its text the same way.
ALTER TABLE billing_accounts
    ADD COLUMN search_owner_id text GENERATED ALWAYS AS (lower(owner_id)) STORED,
    ADD COLUMN search_customer_id text GENERATED ALWAYS AS (lower(customer_id)) STORED,
    ADD COLUMN search_name text GENERATED ALWAYS AS (translate(lower(profile_name), ' .@_-+'',', 'SDAUMPQC')) STORED,
    ADD COLUMN search_email text GENERATED ALWAYS AS (translate(lower(profile_email), ' .@_-+'',', 'SDAUMPQC')) STORED;

-- A search that matches many accounts walks them in owner order and stops when the page is full: this index holds
-- everything a walk tests, so it reads no table row (an index-only scan; autovacuum keeps the visibility map that
-- allows it up to date).
CREATE INDEX billing_accounts_search_walk ON billing_accounts (owner_type, owner_id)
    INCLUDE (customer_id, search_owner_id, search_customer_id, search_email, search_name);

-- A search that matches few accounts finds them through the indexes below and sorts them, one owner type at a
-- time: a text may be common among organizations (billing@...) yet absent among users, which an index of the text
-- alone cannot tell apart.

-- Exact (=) and prefix (LIKE 'abc%'); text_pattern_ops serves LIKE under any collation. Exact owner ids use the
-- primary key, exact customer ids the unique index of V1.
CREATE INDEX billing_accounts_owner_id_prefix ON billing_accounts (owner_type, search_owner_id text_pattern_ops);
CREATE INDEX billing_accounts_customer_id_prefix ON billing_accounts (owner_type, search_customer_id text_pattern_ops);
CREATE INDEX billing_accounts_email_prefix ON billing_accounts (owner_type, search_email text_pattern_ops);
CREATE INDEX billing_accounts_name_prefix ON billing_accounts (owner_type, search_name text_pattern_ops);

-- Contains (LIKE '%abc%') on names and emails, for search text of 3 characters or more: one index per owner type
-- (the owner type as a column of the index would make every search read the entries of all accounts of the type).
-- Without fastupdate a new entry goes straight into the index, so a search never reads a pending list.
CREATE INDEX billing_accounts_org_email_trgm ON billing_accounts USING gin (search_email gin_trgm_ops)
    WITH (fastupdate = off) WHERE owner_type = 'organization';
CREATE INDEX billing_accounts_org_name_trgm ON billing_accounts USING gin (search_name gin_trgm_ops)
    WITH (fastupdate = off) WHERE owner_type = 'organization';
CREATE INDEX billing_accounts_user_email_trgm ON billing_accounts USING gin (search_email gin_trgm_ops)
    WITH (fastupdate = off) WHERE owner_type = 'user';
CREATE INDEX billing_accounts_user_name_trgm ON billing_accounts USING gin (search_name gin_trgm_ops)
    WITH (fastupdate = off) WHERE owner_type = 'user';
