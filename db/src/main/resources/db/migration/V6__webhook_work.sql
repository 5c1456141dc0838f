-- What each recorded webhook event asks Billing Bridge to do, decided once when it was verified: a kind and, for
-- kinds that concern someone, a key. Replaces subject, which held a customer id, an object id or an owner key
-- depending on the event, and was read differently per sender and event type.
ALTER TABLE webhook_events ADD COLUMN work_kind text, ADD COLUMN work_key text;

-- Events recorded before this migration get the work the previous version would have done for them.
UPDATE webhook_events SET work_kind = CASE
    WHEN source = 'stripe' AND (type LIKE 'price.%' OR type LIKE 'product.%') THEN 'catalog.refresh'
    WHEN source = 'stripe' AND subject ~ '^cus_[A-Za-z0-9]{1,64}$' THEN 'customer.resync'
    WHEN source = 'clerk' AND subject ~ '^(user|organization):[A-Za-z0-9_-]{1,128}$'
        AND type IN ('user.created', 'organization.created') THEN 'owner.created'
    WHEN source = 'clerk' AND subject ~ '^(user|organization):[A-Za-z0-9_-]{1,128}$'
        AND type IN ('user.updated', 'organization.updated') THEN 'owner.changed'
    WHEN source = 'clerk' AND subject ~ '^(user|organization):[A-Za-z0-9_-]{1,128}$'
        AND type IN ('user.deleted', 'organization.deleted') THEN 'owner.deleted'
    WHEN source = 'clerk' AND subject ~ '^organization:[A-Za-z0-9_-]{1,128}$'
        AND type IN ('organizationMembership.created', 'organizationMembership.updated',
                     'organizationMembership.deleted') THEN 'membership.changed'
    ELSE 'none'
END;
UPDATE webhook_events SET work_key = CASE work_kind
    WHEN 'customer.resync' THEN subject
    WHEN 'owner.created' THEN subject
    WHEN 'owner.changed' THEN subject
    WHEN 'owner.deleted' THEN subject
    WHEN 'membership.changed' THEN substring(subject FROM length('organization:') + 1)
END;

-- Every kind is listed here, with the shape of its key, so a row always reads back as work (a NULL key never
-- satisfies a kind that needs one).
ALTER TABLE webhook_events
    DROP COLUMN subject,
    ALTER COLUMN work_kind SET NOT NULL,
    ADD CONSTRAINT webhook_events_work CHECK (
        CASE work_kind
            WHEN 'catalog.refresh' THEN work_key IS NULL
            WHEN 'none' THEN work_key IS NULL
            WHEN 'customer.resync' THEN coalesce(work_key ~ '^cus_[A-Za-z0-9]{1,64}$', false)
            WHEN 'owner.created' THEN coalesce(work_key ~ '^(user|organization):[A-Za-z0-9_-]{1,128}$', false)
            WHEN 'owner.changed' THEN coalesce(work_key ~ '^(user|organization):[A-Za-z0-9_-]{1,128}$', false)
            WHEN 'owner.deleted' THEN coalesce(work_key ~ '^(user|organization):[A-Za-z0-9_-]{1,128}$', false)
            WHEN 'membership.changed' THEN coalesce(work_key ~ '^[A-Za-z0-9_-]{1,128}$', false)
            ELSE false
        END);
