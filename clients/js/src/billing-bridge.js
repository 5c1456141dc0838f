// Billing Bridge browser client: per-user and per-organization Stripe billing for the signed-in Clerk user.
// An ES module without dependencies. The caller never names a Stripe customer: the server derives the owner from
// the session (Authorization header from `getToken`, else Clerk's `__session` cookie).
//
//   import { createBillingClient } from 'https://billing.example.com/client/billing-bridge.js';
//   const billing = createBillingClient({ baseUrl: 'https://billing.example.com', getToken: () => clerk.session.getToken() });
//   const prices = await billing.prices('organization');
//   await billing.redirectToCheckout({ owner: 'organization', price: 'team_monthly' });

/**
 * An error answered by Billing Bridge: `status`, `type`, `code`, `message`, `requestId`, `retryAfter` (seconds), and
 * for `already_subscribed` the `subscription` to change instead.
 */
export class BillingBridgeError extends Error {
  constructor(status, error, requestId, retryAfter) {
    super(error.message || `request failed with status ${status}`);
    this.name = 'BillingBridgeError';
    this.status = status;
    this.type = error.type || 'api_error';
    this.code = error.code || 'unknown';
    this.requestId = requestId;
    this.retryAfter = retryAfter;
    this.subscription = error.subscription || undefined;
  }
}

/**
 * Creates a client.
 * @param {object} options
 * @param {string} [options.baseUrl] where Billing Bridge serves (default: this page's origin)
 * @param {() => (string|null|Promise<string|null>)} [options.getToken] the Clerk session token; omit to use the cookie
 * @param {typeof fetch} [options.fetch] a fetch implementation (default: the global one)
 */
export function createBillingClient({ baseUrl = '', getToken, fetch: fetchImpl } = {}) {
  const doFetch = fetchImpl || globalThis.fetch.bind(globalThis);
  // The last body and ETag of each GET, in memory only (the server marks answers no-store): the next read of the
  // URL sends If-None-Match, and a 304 answers with the kept body. The server checks the session and access first
  // and its tags cover the owner and detail level, so a 304 never confirms a body meant for another caller.
  const kept = new Map();

  async function request(method, path, body) {
    const url = baseUrl + path;
    const headers = { Accept: 'application/json' };
    const token = getToken ? await getToken() : null;
    if (token) headers.Authorization = `Bearer ${token}`;
    // Every POST says JSON, even without a body: the server refuses a cookie-authenticated POST that does not,
    // which is what keeps another site's forms from making one.
    if (method !== 'GET') headers['Content-Type'] = 'application/json';
    const held = method === 'GET' ? kept.get(url) : undefined;
    if (held) headers['If-None-Match'] = held.etag;
    const response = await doFetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'include',
    });
    if (response.status === 304 && held) return JSON.parse(held.text);
    const text = await response.text();
    if (method === 'GET') {
      const etag = response.ok ? response.headers.get('ETag') : null;
      if (etag) kept.set(url, { etag, text });
      else kept.delete(url);
    }
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
      throw new BillingBridgeError(response.status, (json && json.error) || {}, response.headers.get('Request-Id'),
        retryAfter);
    }
    return json;
  }

  const here = () => (typeof window === 'undefined' ? undefined : window.location.href);
  const query = (params) => Object.entries(params).filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

  const client = {
    /** Purchasable prices for `'user'` or `'organization'`. */
    prices: async (owner = 'user') => (await request('GET', `/v1/billing/prices?${query({ owner })}`)).data,

    /** Subscriptions and entitlements, plus invoices, payments and payment methods when the caller may see them. */
    customer: (owner = 'user') => request('GET', `/v1/billing/customer?${query({ owner })}`),

    /**
     * Usage so far in the current period, one entry per metered item of the owner's live subscriptions (meter, price,
     * period, usage, amount); optionally of one `meter` (`mtr_...`). The server keeps each figure for 30 seconds.
     */
    usage: async ({ owner = 'user', meter } = {}) =>
      (await request('GET', `/v1/billing/usage?${query({ owner, meter })}`)).data,

    /**
     * Starts a Stripe Checkout Session; resolves to `{id, url}`. URLs default to this page. Rejects with code
     * `already_subscribed` (409) when the owner already has a live plan of that product group: `error.subscription`
     * names it, to offer a plan change instead.
     */
    startCheckout: ({ owner = 'user', price, quantity, promotionCode, addOns, successUrl, cancelUrl } = {}) => {
      const page = here();
      const success = successUrl || (page && withParam(page, 'session_id', '{CHECKOUT_SESSION_ID}'));
      return request('POST', '/v1/billing/checkout-sessions',
        { owner, price, quantity, promotionCode, addOns, successUrl: success, cancelUrl: cancelUrl || page });
    },

    /** Starts a checkout and sends the browser to Stripe's page. */
    redirectToCheckout: async (options) => {
      const session = await client.startCheckout(options);
      window.location.assign(session.url);
      return session;
    },

    /**
     * Opens a Stripe Billing Portal Session; resolves to `{id, url}`. `flow` opens it on one step:
     * `payment_method_update`, or `subscription_cancel` / `subscription_update` with `subscription`.
     */
    openPortal: ({ owner = 'user', returnUrl, flow, subscription } = {}) =>
      request('POST', '/v1/billing/portal-sessions', { owner, returnUrl: returnUrl || here(), flow, subscription }),

    /** Opens the billing portal and sends the browser there. */
    redirectToPortal: async (options) => {
      const session = await client.openPortal(options);
      window.location.assign(session.url);
      return session;
    },

    /**
     * What changing a subscription to another price would cost: `{amountDue, lines, prorationDate, effectiveAt, ...}`.
     * `when` is `now` or `period_end`; left out, the server's policy decides (e.g. upgrades now, downgrades later).
     */
    previewChange: async ({ owner = 'user', subscription, price, quantity, when } = {}) =>
      request('POST', `${subscriptionPath(subscription)}/change-preview`, { owner, price, quantity, when }),

    /**
     * Changes a subscription to another price and resolves to the owner's fresh billing. Pass the preview's
     * `prorationDate` to be charged exactly what it showed.
     */
    changePlan: async ({ owner = 'user', subscription, price, quantity, when, prorationDate } = {}) =>
      request('POST', `${subscriptionPath(subscription)}/change`, { owner, price, quantity, when, prorationDate }),

    /** Withdraws a change scheduled for the end of the period; resolves to the owner's fresh billing. */
    withdrawScheduledChange: async ({ owner = 'user', subscription } = {}) =>
      request('DELETE', `${subscriptionPath(subscription)}/scheduled-change?${query({ owner })}`),

    /** Cancels a subscription at the end of its period (default) or `at: 'now'`; resolves to the fresh billing. */
    cancelSubscription: async ({ owner = 'user', subscription, at = 'period_end', reason } = {}) =>
      request('POST', `${subscriptionPath(subscription)}/cancel`, { owner, at, reason }),

    /** Takes back a cancellation at the period end (or resumes a paused subscription); resolves to the fresh billing. */
    resumeSubscription: async ({ owner = 'user', subscription } = {}) =>
      request('POST', `${subscriptionPath(subscription)}/resume`, { owner }),

    /** After checkout: syncs the owner's billing now (no waiting for the webhook) and returns it. */
    syncCheckout: (sessionId) =>
      request('POST', `/v1/billing/checkout-sessions/${encodeURIComponent(sessionId)}/sync`),

    /** On the success page: syncs the checkout named in the URL (`?session_id=`), if any; else resolves to null. */
    syncCheckoutFromUrl: async (param = 'session_id') => {
      const page = here();
      const id = page && new URL(page).searchParams.get(param);
      return id ? client.syncCheckout(id) : null;
    },
  };
  return client;
}

function subscriptionPath(subscription) {
  if (typeof subscription !== 'string' || subscription === '') {
    throw new TypeError('subscription (the id of one of the owner\'s subscriptions, sub_...) is required');
  }
  return `/v1/billing/subscriptions/${encodeURIComponent(subscription)}`;
}

function withParam(url, name, value) {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  // The placeholder's braces must reach Stripe as they are, so the parameter is appended by hand.
  return `${u.toString()}?${encodeURIComponent(name)}=${value}`;
}
