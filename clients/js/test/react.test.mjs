import { test } from 'node:test';
import assert from 'node:assert/strict';
import { React, dom, navigations, render, until } from './dom.mjs';
import {
  BillingProvider, Entitlement, Plan, useBilling, useCheckout, useEntitlement, usePortal, usePrices,
  useSubscriptionActions, useUsage,
} from '../src/react.js';
import {
  CHECKOUT_SESSION, ORG_BILLING, ORG_PRICES, ORG_USAGE, OTHER_ORG_BILLING, PORTAL_SESSION, RATE_LIMITED, UNAUTHENTICATED,
  USER_CANCELED, USER_PRO_TRIAL, PLAN_CHANGE_PREVIEW, deferred, fakeFetch,
} from './fixtures.mjs';

const h = React.createElement;

/** Renders a hook's latest value into `seen.value` (and nothing on the page). */
function Probe({ hook, seen }) {
  seen.value = hook();
  return null;
}

const provider = (server, props, ...children) => h(BillingProvider,
  { baseUrl: 'https://billing.example.com', fetch: server.fetch, getToken: () => 'tok_alice', userId: 'user_alice', ...props },
  ...children);

const reads = (server) => server.requests.map((r) => `${r.method} ${r.path}`);

test('useBilling is loading until the answer, then gives the owner\'s billing; components of one owner share one request', async () => {
  const answer = deferred();
  const server = fakeFetch(() => answer.promise);
  const seen = {};
  const page = await render(provider(server, { orgId: 'org_acme' },
    h(Probe, { hook: () => useBilling(), seen }), h(Probe, { hook: () => useBilling('organization'), seen: {} })));

  assert.deepEqual([seen.value.loading, seen.value.data, seen.value.error], [true, undefined, null]);
  await React.act(async () => answer.resolve({ body: ORG_BILLING }));
  await until(() => !seen.value.loading, 'the answer');

  assert.deepEqual(seen.value.data, ORG_BILLING);
  assert.deepEqual(reads(server), ['GET /v1/billing/customer?owner=organization']);
  assert.equal(server.requests[0].headers.Authorization, 'Bearer tok_alice');
  await page.unmount();
});

test('an API error becomes the hook\'s error, and refresh() fetches again', async () => {
  let answer = { status: 503, body: { error: { type: 'api_error', code: 'provider_unavailable', message: 'Stripe is unavailable' } } };
  const server = fakeFetch(() => answer);
  const seen = {};
  const page = await render(provider(server, {}, h(Probe, { hook: () => useBilling('user'), seen })));
  await until(() => !seen.value.loading);
  assert.deepEqual([seen.value.error.status, seen.value.error.code, seen.value.error.requestId, seen.value.data],
    [503, 'provider_unavailable', 'req_test', undefined]);

  answer = { body: USER_PRO_TRIAL };
  await React.act(() => seen.value.refresh());
  assert.deepEqual([seen.value.error, seen.value.data], [null, USER_PRO_TRIAL]);
  assert.equal(server.requests.length, 2);
  await page.unmount();
});

test('a 401 is an authentication error, reported to onUnauthenticated; after signing in again refresh() recovers', async () => {
  let token = 'tok_expired';
  const server = fakeFetch(({ headers }) => (headers.Authorization === 'Bearer tok_fresh'
    ? { body: USER_PRO_TRIAL } : { status: 401, body: UNAUTHENTICATED }));
  const unauthenticated = [];
  const seen = {};
  const page = await render(provider(server, { getToken: async () => token, onUnauthenticated: (e) => unauthenticated.push(e) },
    h(Probe, { hook: () => useBilling('user'), seen })));
  await until(() => !seen.value.loading);

  assert.deepEqual([seen.value.error.status, seen.value.error.type, seen.value.error.code],
    [401, 'authentication_error', 'invalid_session_token']);
  assert.deepEqual(unauthenticated, [seen.value.error]);

  token = 'tok_fresh';
  await React.act(() => seen.value.refresh());
  assert.deepEqual([seen.value.error, seen.value.data], [null, USER_PRO_TRIAL]);
  assert.equal(unauthenticated.length, 1);
  await page.unmount();
});

test('a 429 gives the Retry-After seconds, and the billing already shown stays', async () => {
  let answer = { body: USER_PRO_TRIAL };
  const server = fakeFetch(() => answer);
  const seen = {};
  const page = await render(provider(server, {}, h(Probe, { hook: () => useBilling('user'), seen }),
    h(Entitlement, { feature: 'exports', owner: 'user', fallback: 'upgrade' }, 'export')));
  await until(() => !seen.value.loading);

  answer = { status: 429, body: RATE_LIMITED, headers: { 'Retry-After': '30' } };
  await React.act(() => seen.value.refresh());
  assert.deepEqual([seen.value.error.status, seen.value.error.code, seen.value.error.retryAfter], [429, 'rate_limited', 30]);
  assert.deepEqual(seen.value.data, USER_PRO_TRIAL);
  assert.equal(page.text(), 'export');
  await page.unmount();
});

test('switching the active organization fetches its billing, and shows nothing of the previous one meanwhile', async () => {
  const answers = { org_acme: deferred(), org_globex: deferred() };
  let active = 'org_acme';
  const server = fakeFetch(() => answers[active].promise);
  const gated = () => h(Entitlement, { feature: 'exports', fallback: 'upgrade', loading: 'checking' }, 'export');
  const seen = {};
  const page = await render(provider(server, { orgId: 'org_acme' }, h(Probe, { hook: () => useBilling(), seen }), gated()));
  await React.act(async () => answers.org_acme.resolve({ body: ORG_BILLING }));
  await until(() => page.text() === 'export');

  active = 'org_globex';
  answers.org_acme = deferred();
  await page.rerender(provider(server, { orgId: 'org_globex' }, h(Probe, { hook: () => useBilling(), seen }), gated()));
  assert.equal(page.text(), 'checking');
  assert.deepEqual([seen.value.loading, seen.value.data], [true, undefined]);

  await React.act(async () => answers.org_globex.resolve({ body: OTHER_ORG_BILLING }));
  await until(() => page.text() === 'upgrade');
  assert.deepEqual(seen.value.data, OTHER_ORG_BILLING);
  assert.deepEqual(reads(server), ['GET /v1/billing/customer?owner=organization', 'GET /v1/billing/customer?owner=organization']);
  await page.unmount();
});

test('a refresh answered after a newer one does not overwrite it', async () => {
  const answers = [deferred(), deferred(), deferred()];
  let next = 0;
  const server = fakeFetch(() => answers[next++].promise);
  const seen = {};
  const page = await render(provider(server, {}, h(Probe, { hook: () => useBilling('user'), seen })));
  await React.act(async () => answers[0].resolve({ body: USER_CANCELED }));
  await until(() => !seen.value.loading);

  let older;
  let newer;
  await React.act(async () => { older = seen.value.refresh(); newer = seen.value.refresh(); });
  await React.act(async () => { answers[2].resolve({ body: USER_PRO_TRIAL }); await newer; });
  await React.act(async () => { answers[1].resolve({ body: USER_CANCELED }); await older; });
  assert.deepEqual([seen.value.loading, seen.value.data], [false, USER_PRO_TRIAL]);
  await page.unmount();
});

test('back from checkout, the provider syncs that checkout first, shows its billing and takes session_id out of the URL', async () => {
  const sync = deferred();
  const server = fakeFetch(({ path }) => (path.endsWith('/sync') ? sync.promise : { body: ORG_PRICES }));
  const billing = {};
  const checkout = {};
  const page = await render(provider(server, { orgId: 'org_acme' },
    h(Probe, { hook: () => useBilling(), seen: billing }), h(Probe, { hook: () => useCheckout(), seen: checkout }),
    h(Plan, { is: 'team', fallback: 'free' }, 'team plan')), { url: 'https://app.example.com/account?tab=plan&session_id=cs_test_a1' });

  assert.deepEqual(reads(server), ['POST /v1/billing/checkout-sessions/cs_test_a1/sync']);
  assert.deepEqual([billing.value.loading, checkout.value.returned.status, page.text()], [true, 'syncing', '']);

  await React.act(async () => sync.resolve({ body: ORG_BILLING }));
  await until(() => checkout.value.returned.status === 'synced', 'the sync');
  assert.deepEqual([billing.value.loading, billing.value.data, page.text()], [false, ORG_BILLING, 'team plan']);
  assert.equal(dom.window.location.href, 'https://app.example.com/account?tab=plan');
  assert.deepEqual(reads(server), ['POST /v1/billing/checkout-sessions/cs_test_a1/sync']);
  await page.unmount();
});

test('when the sync after checkout fails, the hooks fetch billing as usual and the failure is reported', async () => {
  const server = fakeFetch(({ path }) => (path.endsWith('/sync')
    ? { status: 404, body: { error: { type: 'invalid_request_error', code: 'checkout_session_not_found', message: 'no such checkout' } } }
    : { body: ORG_BILLING }));
  const billing = {};
  const checkout = {};
  const page = await render(provider(server, { orgId: 'org_acme' },
    h(Probe, { hook: () => useBilling(), seen: billing }), h(Probe, { hook: () => useCheckout(), seen: checkout })),
  { url: 'https://app.example.com/account?session_id=cs_unknown' });
  await until(() => billing.value.data !== undefined);

  assert.deepEqual([checkout.value.returned.status, checkout.value.returned.error.status], ['failed', 404]);
  assert.deepEqual(reads(server), ['POST /v1/billing/checkout-sessions/cs_unknown/sync', 'GET /v1/billing/customer?owner=organization']);
  assert.equal(dom.window.location.href, 'https://app.example.com/account');
  await page.unmount();
});

test('back from Stripe through the back-forward cache, billing is fetched again', async () => {
  let answer = { body: USER_CANCELED };
  const server = fakeFetch(() => answer);
  const page = await render(provider(server, {}, h(Plan, { is: 'pro_monthly', owner: 'user', fallback: 'no plan' }, 'pro')));
  await until(() => page.text() === 'no plan');

  answer = { body: USER_PRO_TRIAL };
  await React.act(async () => dom.window.dispatchEvent(new dom.window.PageTransitionEvent('pageshow', { persisted: true })));
  await until(() => page.text() === 'pro', 'the refetch');
  assert.equal(server.requests.length, 2);
  await page.unmount();
});

test('Entitlement renders nothing (or its loading prop) until billing is known, then children or fallback', async () => {
  const answer = deferred();
  const server = fakeFetch(() => answer.promise);
  const page = await render(provider(server, { orgId: 'org_acme' },
    h(Entitlement, { feature: 'exports', fallback: '[no exports]' }, '[exports]'),
    h(Entitlement, { feature: 'sso', fallback: '[no sso]', loading: '[…]' }, '[sso]')));
  assert.equal(page.text(), '[…]');

  await React.act(async () => answer.resolve({ body: ORG_BILLING }));
  await until(() => page.text() === '[exports][no sso]');
  await page.unmount();
});

test('without billing (an error before any answer) the gates render their fallback', async () => {
  const server = fakeFetch(() => ({ status: 401, body: UNAUTHENTICATED }));
  const seen = {};
  const page = await render(provider(server, {},
    h(Probe, { hook: () => useEntitlement('exports', 'user'), seen }),
    h(Entitlement, { feature: 'exports', owner: 'user', fallback: 'sign in' }, 'export')));
  await until(() => !seen.value.loading);
  assert.deepEqual([seen.value.allowed, seen.value.error.status, page.text()], [false, 401, 'sign in']);
  await page.unmount();
});

test('Plan matches a live subscription by lookup key, price id, product id or product name (any case), and a list', async () => {
  const server = fakeFetch(({ path }) => ({ body: path.includes('owner=user') ? USER_PRO_TRIAL : ORG_BILLING }));
  const plan = (is, owner) => h(Plan, { is, owner, fallback: '-' }, '+');
  const page = await render(provider(server, { orgId: 'org_acme' },
    plan('team_monthly'), plan('price_1Team'), plan('prod_Team'), plan('TEAM'), plan(['pro', 'team']),
    plan('pro'), plan('team_yearly'), plan('Pro', 'user')));
  await until(() => page.text().length === 8);
  assert.equal(page.text(), '+++++--+');
  await page.unmount();
});

test('a canceled subscription is no plan; trialing and past due are', async () => {
  const pastDue = structuredClone(USER_CANCELED);
  pastDue.subscriptions[0].status = 'past_due';
  let answer = USER_CANCELED;
  const server = fakeFetch(() => ({ body: answer }));
  const seen = {};
  const page = await render(provider(server, {}, h(Probe, { hook: () => useBilling('user'), seen }),
    h(Plan, { is: 'pro', owner: 'user', fallback: 'free' }, 'pro')));
  await until(() => page.text() === 'free');
  for (const [billing, shown] of [[USER_PRO_TRIAL, 'pro'], [pastDue, 'pro'], [USER_CANCELED, 'free']]) {
    answer = billing;
    await React.act(() => seen.value.refresh());
    assert.equal(page.text(), shown, billing.subscriptions[0].status);
  }
  await page.unmount();
});

test('usePrices gives the purchasable prices of the owner type', async () => {
  const server = fakeFetch(() => ({ body: ORG_PRICES }));
  const seen = {};
  const page = await render(provider(server, { orgId: 'org_acme' }, h(Probe, { hook: () => usePrices(), seen })));
  await until(() => !seen.value.loading);
  assert.deepEqual(seen.value.data, ORG_PRICES.data);
  assert.deepEqual(reads(server), ['GET /v1/billing/prices?owner=organization']);
  await page.unmount();
});

test('useUsage gives the owner\'s usage per meter, one request per owner and meter, and refreshes on demand', async () => {
  const server = fakeFetch(() => ({ body: ORG_USAGE }));
  const all = {};
  const one = {};
  const again = {};
  const page = await render(provider(server, { orgId: 'org_acme' },
    h(Probe, { hook: () => useUsage(), seen: all }),
    h(Probe, { hook: () => useUsage(), seen: again }),
    h(Probe, { hook: () => useUsage({ meter: 'mtr_1ApiCalls' }), seen: one })));
  await until(() => !all.value.loading && !one.value.loading);
  assert.deepEqual(all.value.data, ORG_USAGE.data);
  assert.deepEqual(again.value.data, ORG_USAGE.data);
  assert.deepEqual(reads(server).sort(), ['GET /v1/billing/usage?owner=organization',
    'GET /v1/billing/usage?owner=organization&meter=mtr_1ApiCalls']);

  await React.act(() => all.value.refresh());
  assert.equal(reads(server).length, 3);
  await page.unmount();
});

test('useCheckout starts a checkout for the provider\'s owner that returns to this page with the session id', async () => {
  const server = fakeFetch(() => ({ status: 201, body: CHECKOUT_SESSION }));
  const seen = {};
  const page = await render(provider(server, { orgId: 'org_acme' }, h(Probe, { hook: () => useCheckout(), seen })),
    { url: 'https://app.example.com/billing' });
  let session;
  const left = navigations.count;
  await React.act(async () => { session = await seen.value.start({ price: 'team_monthly', quantity: 3 }); });
  assert.equal(navigations.count, left + 1, 'the browser is sent to Stripe');

  assert.deepEqual(session, CHECKOUT_SESSION);
  assert.deepEqual(server.requests.map((r) => [r.path, r.body]), [['/v1/billing/checkout-sessions', {
    owner: 'organization', price: 'team_monthly', quantity: 3,
    successUrl: 'https://app.example.com/billing?session_id={CHECKOUT_SESSION_ID}', cancelUrl: 'https://app.example.com/billing',
  }]]);
  assert.deepEqual([seen.value.loading, seen.value.error], [true, null]);
  await page.unmount();
});

test('a refused checkout is the hook\'s error (429 with its Retry-After), not a rejection', async () => {
  const server = fakeFetch(() => ({ status: 429, body: RATE_LIMITED, headers: { 'Retry-After': '5' } }));
  const seen = {};
  const page = await render(provider(server, {}, h(Probe, { hook: () => useCheckout(), seen })));
  let session = 'not set';
  await React.act(async () => { session = await seen.value.start({ price: 'pro_monthly' }); });
  assert.deepEqual([session, seen.value.loading, seen.value.error.status, seen.value.error.retryAfter], [undefined, false, 429, 5]);
  await page.unmount();
});

test('usePortal opens the portal for the owner; a 401 is its error and reaches onUnauthenticated', async () => {
  let answer = { status: 201, body: PORTAL_SESSION };
  const server = fakeFetch(() => answer);
  const unauthenticated = [];
  const seen = {};
  const page = await render(provider(server, { onUnauthenticated: (e) => unauthenticated.push(e.code) },
    h(Probe, { hook: () => usePortal(), seen })), { url: 'https://app.example.com/settings' });
  let session;
  const left = navigations.count;
  await React.act(async () => { session = await seen.value.open(); });
  assert.equal(navigations.count, left + 1, 'the browser is sent to Stripe');
  assert.deepEqual(session, PORTAL_SESSION);
  assert.deepEqual(server.requests[0].body, { owner: 'user', returnUrl: 'https://app.example.com/settings' });

  answer = { status: 401, body: UNAUTHENTICATED };
  await React.act(async () => { await seen.value.open({ owner: 'user' }); });
  assert.deepEqual([seen.value.error.status, unauthenticated], [401, ['invalid_session_token']]);
  await page.unmount();
});

test('a hook outside a BillingProvider fails with a message that says so', async () => {
  const errors = [];
  const original = console.error;
  console.error = () => {};
  class Boundary extends React.Component {
    constructor(props) { super(props); this.state = { failed: false }; }
    static getDerivedStateFromError() { return { failed: true }; }
    componentDidCatch(error) { errors.push(error.message); }
    render() { return this.state.failed ? 'failed' : this.props.children; }
  }
  try {
    const page = await render(h(Boundary, null, h(Probe, { hook: () => useBilling(), seen: {} })));
    assert.equal(page.text(), 'failed');
    assert.deepEqual(errors, ['Billing Bridge hooks and components must be rendered inside a <BillingProvider>']);
    await page.unmount();
  } finally {
    console.error = original;
  }
});

test('under StrictMode (effects run twice) the return from checkout is synced once and billing fetched once', async () => {
  const server = fakeFetch(({ path }) => ({ body: path.endsWith('/sync') ? ORG_BILLING : ORG_PRICES }));
  const page = await render(h(React.StrictMode, null, provider(server, { orgId: 'org_acme' },
    h(Plan, { is: 'team', fallback: 'free' }, 'team plan'), h(Probe, { hook: () => usePrices(), seen: {} }))),
  { url: 'https://app.example.com/account?session_id=cs_test_a1' });
  await until(() => page.text() === 'team plan');
  await until(() => server.requests.length >= 2);
  assert.deepEqual(reads(server), ['POST /v1/billing/checkout-sessions/cs_test_a1/sync', 'GET /v1/billing/prices?owner=organization']);
  await page.unmount();
});

test('useSubscriptionActions: a change shows its fresh billing in useBilling at once, a preview does not touch it, a failure is its error', async () => {
  const changed = { ...USER_PRO_TRIAL, subscriptions: [{ ...USER_PRO_TRIAL.subscriptions[0], cancelAtPeriodEnd: false }] };
  const server = fakeFetch(({ method, path }) => {
    if (path.endsWith('/change-preview')) return { body: PLAN_CHANGE_PREVIEW };
    if (path.endsWith('/change')) return { body: changed };
    if (path.endsWith('/cancel')) {
      return { status: 409, body: { error: { type: 'invalid_request_error', code: 'change_in_progress', message: 'busy' } } };
    }
    return { body: USER_PRO_TRIAL };
  });
  const billing = {};
  const actions = {};
  const page = await render(provider(server, {},
    h(Probe, { hook: () => useBilling(), seen: billing }), h(Probe, { hook: () => useSubscriptionActions(), seen: actions })));
  await until(() => billing.value.data, 'the first read');

  let preview;
  await React.act(async () => { preview = await actions.value.preview({ subscription: 'sub_1Carol', price: 'pro_yearly' }); });
  assert.deepEqual(preview, PLAN_CHANGE_PREVIEW);
  assert.deepEqual(billing.value.data, USER_PRO_TRIAL, 'a preview leaves the billing as it was');

  await React.act(async () => {
    await actions.value.change({ subscription: 'sub_1Carol', price: 'pro_yearly', prorationDate: preview.prorationDate });
  });
  assert.deepEqual(billing.value.data, changed);
  assert.deepEqual([actions.value.loading, actions.value.error], [false, null]);

  let refused;
  await React.act(async () => { refused = await actions.value.cancel({ subscription: 'sub_1Carol' }); });
  assert.equal(refused, undefined);
  assert.equal(actions.value.error.code, 'change_in_progress');
  assert.deepEqual(billing.value.data, changed, 'a refused write keeps the billing shown');
  assert.deepEqual(reads(server), ['GET /v1/billing/customer?owner=user', 'POST /v1/billing/subscriptions/sub_1Carol/change-preview',
    'POST /v1/billing/subscriptions/sub_1Carol/change', 'POST /v1/billing/subscriptions/sub_1Carol/cancel']);
  await page.unmount();
});
