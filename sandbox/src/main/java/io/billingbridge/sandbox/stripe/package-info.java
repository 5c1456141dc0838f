/**
 * A local emulator of the parts of Stripe's API that Billing Bridge uses; start one with
 * {@link io.billingbridge.sandbox.stripe.StripeEmulator#start}.
 *
 * <p>Besides Stripe's {@code /v1} API (secret key auth) it serves, without authentication:
 * <ul>
 *   <li>{@code GET|POST /checkout/{session}}: the hosted Checkout page; the form posts {@code card_number},
 *       {@code email}, {@code name}; 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined.</li>
 *   <li>{@code GET /billing-portal/{session}} and its form posts: {@code .../subscriptions/{id}/cancel|resume},
 *       {@code .../subscriptions/{id}/price} ({@code price}), {@code .../subscriptions/{id}/quantity}
 *       ({@code quantity}), {@code .../payment-methods} ({@code card_number}),
 *       {@code .../payment-methods/{id}/default}.</li>
 *   <li>{@code GET /invoices/{id}}: the hosted invoice page.</li>
 *   <li>{@code POST /_sandbox/checkout/{session}/complete}: pays without the page; {@code card} (default
 *       4242424242424242), {@code email}, {@code name}; 200 with {@code session} and {@code redirect_url},
 *       or Stripe's 402 card error.</li>
 *   <li>{@code GET /_sandbox/clock}, {@code POST /_sandbox/clock/advance} ({@code seconds} and/or {@code days}):
 *       runs renewals, trial ends, scheduled cancellations and Checkout Session expiry that became due.</li>
 *   <li>{@code POST /_sandbox/faults}: before a request runs, {@code fail_next} (count) with {@code status} 500,
 *       503 or 429, and/or {@code latency_ms} with {@code latency_requests} (0 = every request; a cleared fault
 *       lets held requests run); after a write (POST, DELETE, replays included) ran and was stored with its
 *       idempotency record, {@code fail_after_write} (count) with {@code after_write_status} 500 or 503 answers
 *       that status instead, and {@code drop_after_write} (count) closes the connection with no response;
 *       {@code search_lag_ms} keeps customers created from then on out of search for that long, as Stripe's
 *       search index lags; {@code DELETE} clears; {@code GET} shows.</li>
 *   <li>{@code POST /_sandbox/reset}: forgets all objects, events, deliveries, idempotency keys, faults and the
 *       clock offset, then seeds again from the configuration.</li>
 *   <li>{@code GET /_sandbox/deliveries} (optional {@code event_type}): webhook deliveries with attempts and
 *       state; {@code GET /_sandbox/idempotency}: idempotent requests in flight.</li>
 * </ul>
 * These controls are not authenticated: the emulator is for tests and demos and binds loopback by default.
 */
package io.billingbridge.sandbox.stripe;
