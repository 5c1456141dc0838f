package io.billingbridge.http;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.admin.AccountDetails;
import io.billingbridge.core.admin.InspectAccount;
import io.billingbridge.core.admin.ListWebhookEvents;
import io.billingbridge.core.admin.ReadAuditLog;
import io.billingbridge.core.admin.ResyncAccount;
import io.billingbridge.core.admin.RetryWebhookEvent;
import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.snapshot.BillingView;
import io.billingbridge.core.webhook.WebhookEventRecord;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The admin API for the support console: accounts, webhook events and the audit log; admin tokens only. */
@Path("/admin/v1")
@RequiresAdmin
@Produces(MediaType.APPLICATION_JSON)
public final class AdminResource {
    private final InspectAccount inspect;
    private final ResyncAccount resync;
    private final ListWebhookEvents events;
    private final RetryWebhookEvent retry;
    private final ReadAuditLog audit;

    public AdminResource(InspectAccount inspect, ResyncAccount resync, ListWebhookEvents events,
            RetryWebhookEvent retry, ReadAuditLog audit) {
        this.inspect = Objects.requireNonNull(inspect, "inspect");
        this.resync = Objects.requireNonNull(resync, "resync");
        this.events = Objects.requireNonNull(events, "events");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @GET
    @Path("/accounts/{ownerType}/{ownerId}")
    public Map<String, Object> account(@Context ContainerRequestContext request,
            @PathParam("ownerType") String ownerType, @PathParam("ownerId") String ownerId) {
        return account(inspect.inspect(AdminAuthFilter.admin(request), ownerType, ownerId));
    }

    @POST
    @Path("/accounts/{ownerType}/{ownerId}/sync")
    public Map<String, Object> sync(@Context ContainerRequestContext request,
            @PathParam("ownerType") String ownerType, @PathParam("ownerId") String ownerId) {
        return account(resync.resync(AdminAuthFilter.admin(request), ownerType, ownerId));
    }

    @GET
    @Path("/webhook-events")
    public Map<String, Object> webhookEvents(@Context ContainerRequestContext request,
            @QueryParam("status") String status, @QueryParam("limit") Integer limit) {
        return Json.list(events.list(AdminAuthFilter.admin(request), Optional.ofNullable(status),
                Optional.ofNullable(limit)).stream().map(AdminResource::event).toList());
    }

    @POST
    @Path("/webhook-events/{source}/{eventId}/retry")
    public Map<String, Object> retry(@Context ContainerRequestContext request, @PathParam("source") String source,
            @PathParam("eventId") String eventId) {
        retry.retry(AdminAuthFilter.admin(request), source, eventId);
        return Map.of("source", source, "eventId", eventId, "scheduled", true);
    }

    @GET
    @Path("/audit")
    public Map<String, Object> audit(@Context ContainerRequestContext request, @QueryParam("limit") Integer limit) {
        return Json.list(audit.latest(AdminAuthFilter.admin(request), Optional.ofNullable(limit)).stream()
                .map(AdminResource::auditEntry).toList());
    }

    private static Map<String, Object> account(AccountDetails details) {
        BillingAccount a = details.account();
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("owner", Map.of("type", a.owner().type().wireName(), "id", a.owner().id()));
        account.put("customer", a.customerId().map(c -> c.value()).orElse(null));
        account.put("syncState", a.syncState().name().toLowerCase(Locale.ROOT));
        account.put("profileName", a.profile().name().orElse(null));
        account.put("createdAt", a.createdAt().toString());
        account.put("updatedAt", a.updatedAt().toString());
        account.put("snapshotOutOfDate", details.snapshot().map(s -> s.dirty()).orElse(false));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", account);
        m.put("snapshot", details.snapshot()
                .map(s -> Json.billing(BillingView.of(s.owner(), s.snapshot(), true, s.dirty())))
                .orElse(null));
        return m;
    }

    private static Map<String, Object> event(WebhookEventRecord e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", e.source().name().toLowerCase(Locale.ROOT));
        m.put("eventId", e.eventId());
        m.put("type", e.type());
        m.put("subject", e.work().key().orElse(null));
        m.put("status", e.status().wireName());
        m.put("attempts", e.attempts());
        m.put("receivedAt", e.receivedAt().toString());
        m.put("nextAttemptAt", e.nextAttemptAt().toString());
        m.put("lastErrorCode", e.lastErrorCode().orElse(null));
        return m;
    }

    private static Map<String, Object> auditEntry(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", e.at().toString());
        m.put("actor", e.actor());
        m.put("owner", e.owner().orElse(null));
        m.put("action", e.action());
        m.put("outcome", e.outcome());
        m.put("detail", e.detail());
        m.put("requestId", e.requestId().orElse(null));
        return m;
    }
}
