package io.billingbridge.db;

import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code subscription_change_leases}. */
public interface SubscriptionLeaseDao {

    /** Takes the lease when no one holds it or the holder's time has passed; 1 when taken, 0 otherwise. */
    @SqlUpdate("INSERT INTO subscription_change_leases (subscription_id, holder, held_until)"
            + " VALUES (:subscriptionId, :holder, now() + make_interval(secs => :seconds))"
            + " ON CONFLICT (subscription_id) DO UPDATE SET holder = EXCLUDED.holder, held_until = EXCLUDED.held_until"
            + " WHERE subscription_change_leases.held_until < now()")
    int take(@Bind("subscriptionId") String subscriptionId, @Bind("holder") UUID holder,
            @Bind("seconds") double seconds);

    /** Gives the lease back, if this holder still has it. */
    @SqlUpdate("DELETE FROM subscription_change_leases WHERE subscription_id = :subscriptionId AND holder = :holder")
    int release(@Bind("subscriptionId") String subscriptionId, @Bind("holder") UUID holder);
}
