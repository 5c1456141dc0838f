// Answers in the API's real shapes (test/api-types.test.mjs validates each against docs/openapi.json).

export const ORG_BILLING = {
  owner: { type: 'organization', id: 'org_acme' },
  customer: 'cus_Acme001',
  stale: false,
  syncedAt: '2026-11-28T10:00:00Z',
  entitlements: ['exports', 'seats'],
  access: { plan: 'Team', state: 'active' },
  subscriptions: [{
    id: 'sub_1Acme',
    status: 'active',
    cancelAtPeriodEnd: false,
    canceledAt: null,
    created: '2026-11-01T09:00:00Z',
    trialEnd: null,
    items: [{
      id: 'si_1Acme',
      price: 'price_1Team',
      lookupKey: 'team_monthly',
      product: { id: 'prod_Team', name: 'Team' },
      quantity: 3,
      unitAmount: { amount: 800, currency: 'usd' },
      interval: 'month',
      currentPeriodStart: '2026-11-01T09:00:00Z',
      currentPeriodEnd: '2026-12-01T09:00:00Z',
      meter: null,
    }, {
      id: 'si_1AcmeApi',
      price: 'price_1ApiCalls',
      lookupKey: 'api_calls_monthly',
      product: { id: 'prod_Api', name: 'API calls' },
      quantity: 1,
      unitAmount: { amount: 3, currency: 'usd' },
      interval: 'month',
      currentPeriodStart: '2026-11-01T09:00:00Z',
      currentPeriodEnd: '2026-12-01T09:00:00Z',
      meter: 'mtr_1ApiCalls',
    }],
  }],
  invoices: [{
    id: 'in_1Acme', number: 'ACME-0001', status: 'paid', subscription: 'sub_1Acme', created: '2026-11-01T09:00:00Z',
    total: { amount: 2400, currency: 'usd' }, amountPaid: { amount: 2400, currency: 'usd' },
    hostedInvoiceUrl: 'https://invoice.stripe.com/i/acct_1/in_1Acme',
  }],
  payments: [{
    id: 'pi_1Acme', status: 'succeeded', created: '2026-11-01T09:00:00Z', description: '3 × Credit pack',
    amount: { amount: 1500, currency: 'usd' },
    lineItems: [{ description: 'Credit pack', quantity: 3, amount: { amount: 1500, currency: 'usd' } }],
  }],
  paymentMethods: [{
    id: 'pm_1Acme', type: 'card', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, default: true,
  }],
};

/** Another organization, without a subscription: what a member of org_globex sees. */
export const OTHER_ORG_BILLING = {
  owner: { type: 'organization', id: 'org_globex' },
  customer: null,
  stale: false,
  syncedAt: null,
  entitlements: [],
  subscriptions: [],
};

/** A user with a Pro subscription in its trial, seen without the detail lists (a member may not see them). */
export const USER_PRO_TRIAL = {
  owner: { type: 'user', id: 'user_carol' },
  customer: 'cus_Carol01',
  stale: true,
  syncedAt: '2026-11-28T10:00:00Z',
  entitlements: ['exports'],
  subscriptions: [{
    id: 'sub_1Carol', status: 'trialing', cancelAtPeriodEnd: true, canceledAt: null,
    created: '2026-11-20T09:00:00Z', trialEnd: '2026-12-04T09:00:00Z',
    items: [{
      id: 'si_1Carol', price: 'price_1ProMonthly', lookupKey: 'pro_monthly',
      product: { id: 'prod_Pro', name: 'Pro' }, quantity: 1, unitAmount: { amount: 1200, currency: 'usd' },
      interval: 'month', currentPeriodStart: null, currentPeriodEnd: null, meter: null,
    }],
  }],
};

/** A canceled Pro subscription: no plan, no entitlement. */
export const USER_CANCELED = {
  owner: { type: 'user', id: 'user_dave' },
  customer: 'cus_Dave01',
  stale: false,
  syncedAt: '2026-11-28T10:00:00Z',
  entitlements: [],
  subscriptions: [{ ...USER_PRO_TRIAL.subscriptions[0], id: 'sub_1Dave', status: 'canceled', canceledAt: '2026-11-25T09:00:00Z' }],
};

export const ORG_PRICES = {
  object: 'list',
  data: [{
    id: 'price_1Team', lookupKey: 'team_monthly', currency: 'usd', unitAmount: 800, type: 'recurring',
    recurring: { interval: 'month', intervalCount: 1, usageType: 'licensed', meter: null }, product: { id: 'prod_Team', name: 'Team' },
  }],
};

export const CHECKOUT_SESSION = { id: 'cs_test_a1', url: 'https://checkout.stripe.com/c/pay/cs_test_a1' };
export const PORTAL_SESSION = { id: 'bps_1', url: 'https://billing.stripe.com/p/session/bps_1' };

export const UNAUTHENTICATED = {
  error: { type: 'authentication_error', code: 'invalid_session_token', message: 'The session token is missing or invalid.' },
};
export const RATE_LIMITED = {
  error: { type: 'rate_limit_error', code: 'rate_limited', message: 'Too many requests; retry later.' },
};
export const PROVIDER_UNAVAILABLE = {
  error: { type: 'api_error', code: 'provider_unavailable', message: 'Stripe is unavailable; retry later.' },
};

/** What changing Carol's Pro monthly to yearly now would cost. */
export const PLAN_CHANGE_PREVIEW = {
  subscription: 'sub_1Carol', price: 'pro_yearly', quantity: 1, when: 'now',
  amountDue: { amount: 10880, currency: 'usd' },
  lines: [
    { description: 'Unused time on Pro after 28 Nov 2026', amount: { amount: -1120, currency: 'usd' },
      periodStart: '2026-11-28T10:00:00Z', periodEnd: '2026-12-20T09:00:00Z' },
    { description: '1 × Pro (at $120.00 / year)', amount: { amount: 12000, currency: 'usd' },
      periodStart: '2026-11-28T10:00:00Z', periodEnd: '2027-11-28T10:00:00Z' },
  ],
  prorationDate: '2026-11-28T10:00:00Z', effectiveAt: '2026-11-28T10:00:00Z',
};

/** A second subscription refused: the error names the one to change instead. */
export const ALREADY_SUBSCRIBED = {
  error: { type: 'invalid_request_error', code: 'already_subscribed', subscription: 'sub_1Carol',
    message: 'this user already has a subscription of this product group; change it instead' },
};

/** Which schema of docs/openapi.json each fixture is an instance of. */
/** Acme's usage so far: its API-calls add-on (`GET /v1/billing/usage?owner=organization`). */
export const ORG_USAGE = {
  object: 'list',
  data: [{
    meter: { id: 'mtr_1ApiCalls', displayName: 'API calls', eventName: 'api_call' },
    subscription: 'sub_1Acme',
    price: { id: 'price_1ApiCalls', lookupKey: 'api_calls_monthly', unitAmount: { amount: 3, currency: 'usd' } },
    currentPeriodStart: '2026-11-01T09:00:00Z',
    currentPeriodEnd: '2026-12-01T09:00:00Z',
    usage: 1234,
    amount: { amount: 3702, currency: 'usd' },
    asOf: '2026-11-28T10:01:00Z',
  }],
};

export const SCHEMAS = {
  Billing: [ORG_BILLING, OTHER_ORG_BILLING, USER_PRO_TRIAL, USER_CANCELED],
  PriceList: [ORG_PRICES],
  CheckoutSession: [CHECKOUT_SESSION],
  PortalSession: [PORTAL_SESSION],
  PlanChangePreview: [PLAN_CHANGE_PREVIEW],
  MeterUsageList: [ORG_USAGE, { object: 'list', data: [] }],
  ErrorBody: [UNAUTHENTICATED, RATE_LIMITED, PROVIDER_UNAVAILABLE, ALREADY_SUBSCRIBED],
};

/**
 * A fetch that answers from `handler(request)` with `{status, body, headers}` (or a promise of one) and records
 * every request as `{method, url, path, headers, body}`.
 */
export function fakeFetch(handler) {
  const requests = [];
  const fetch = async (url, init = {}) => {
    const parsed = new URL(url, 'https://billing.example.com');
    const request = {
      method: init.method || 'GET', url: String(url), path: parsed.pathname + parsed.search,
      headers: init.headers || {}, body: init.body === undefined ? undefined : JSON.parse(init.body),
    };
    requests.push(request);
    const { status = 200, body, headers = {} } = await handler(request);
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(status === 304 ? null : text, { status, headers: { 'Content-Type': 'application/json', 'Request-Id': 'req_test', ...headers } });
  };
  return { fetch, requests };
}

/** A promise with its resolve, to hold an answer until the test lets it go. */
export function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

