package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The emulator's state: every Stripe object by id, in creation order per object type.
 *
 * <p>All reads and writes happen inside {@link #atomically}, one global lock, so that multi-object
 * flows (a paid checkout creates a dozen objects) are seen all or nothing.
 */
final class ObjectStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ObjectNode> byId = new HashMap<>();
    private final Map<String, List<String>> idsByType = new HashMap<>();
    private final Map<String, String> webhookSecrets = new HashMap<>();

    <T> T atomically(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    void atomically(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    private void checkLocked() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("object store accessed outside atomically()");
        }
    }

    /** Inserts a new object or replaces the stored one with the same id. */
    ObjectNode put(ObjectNode node) {
        checkLocked();
        String id = node.get("id").asText();
        if (byId.put(id, node) == null) {
            idsByType.computeIfAbsent(node.get("object").asText(), t -> new ArrayList<>()).add(id);
        }
        return node;
    }

    Optional<ObjectNode> find(String id) {
        checkLocked();
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** Finds a live (not deleted) object of the given type, else fails like Stripe with {@code resource_missing}. */
    ObjectNode get(String type, String id, String resourceName, String param) {
        return get(type, id, resourceName, param, 404);
    }

    /**
     * Finds an object that a request parameter refers to (a {@code customer}, a line item's {@code price}): a
     * missing one is a bad request, so Stripe answers 400 {@code resource_missing} naming the parameter, where a
     * missing object in the URL path is a 404.
     */
    ObjectNode referenced(String type, String id, String resourceName, String param) {
        return get(type, id, resourceName, param, 400);
    }

    private ObjectNode get(String type, String id, String resourceName, String param, int status) {
        checkLocked();
        ObjectNode node = id == null ? null : byId.get(id);
        if (node == null || !type.equals(node.path("object").asText()) || node.path("deleted").asBoolean(false)) {
            throw StripeApiException.noSuch(resourceName, id, param, status);
        }
        return node;
    }

    /** Live objects of a type, newest first. */
    List<ObjectNode> all(String type, Predicate<ObjectNode> filter) {
        checkLocked();
        List<String> ids = idsByType.getOrDefault(type, List.of());
        List<ObjectNode> out = new ArrayList<>();
        for (int i = ids.size() - 1; i >= 0; i--) {
            ObjectNode node = byId.get(ids.get(i));
            if (node != null && !node.path("deleted").asBoolean(false) && filter.test(node)) {
                out.add(node);
            }
        }
        return out;
    }

    void remove(String id) {
        checkLocked();
        ObjectNode node = byId.remove(id);
        if (node != null) {
            idsByType.getOrDefault(node.get("object").asText(), new ArrayList<>()).remove(id);
        }
    }

    void putWebhookSecret(String endpointId, String secret) {
        checkLocked();
        webhookSecrets.put(endpointId, secret);
    }

    Optional<String> webhookSecret(String endpointId) {
        checkLocked();
        return Optional.ofNullable(webhookSecrets.get(endpointId));
    }

    void clear() {
        checkLocked();
        byId.clear();
        idsByType.clear();
        webhookSecrets.clear();
    }
}
