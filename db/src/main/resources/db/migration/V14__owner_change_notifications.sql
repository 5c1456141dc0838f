-- Every committed change to an owner's account or stored snapshot is announced on the channel billing_owner, with
-- the owner's key ('user:<id>' or 'organization:<id>') as payload, so that every server instance can drop what it
-- keeps in memory for that owner. PostgreSQL delivers a notification to every listening session, and only when the
-- transaction that sent it commits; one transaction announcing the same owner twice delivers it once.
CREATE FUNCTION notify_billing_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM pg_notify('billing_owner', OLD.owner_type || ':' || OLD.owner_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM pg_notify('billing_owner', NEW.owner_type || ':' || NEW.owner_id);
    END IF;
    RETURN NULL;
END;
$$;

-- Emptying a table changes every owner at once: '*'.
CREATE FUNCTION notify_every_billing_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('billing_owner', '*');
    RETURN NULL;
END;
$$;

CREATE TRIGGER billing_accounts_announce AFTER INSERT OR UPDATE OR DELETE ON billing_accounts
    FOR EACH ROW EXECUTE FUNCTION notify_billing_owner();
CREATE TRIGGER customer_snapshots_announce AFTER INSERT OR UPDATE OR DELETE ON customer_snapshots
    FOR EACH ROW EXECUTE FUNCTION notify_billing_owner();
CREATE TRIGGER billing_accounts_announce_truncate AFTER TRUNCATE ON billing_accounts
    FOR EACH STATEMENT EXECUTE FUNCTION notify_every_billing_owner();
CREATE TRIGGER customer_snapshots_announce_truncate AFTER TRUNCATE ON customer_snapshots
    FOR EACH STATEMENT EXECUTE FUNCTION notify_every_billing_owner();
