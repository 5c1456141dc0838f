import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BillingBridgeError, createBillingClient } from '../src/billing-bridge.js';
import {
  ALREADY_SUBSCRIBED, PLAN_CHANGE_PREVIEW, USER_PRO_TRIAL,
  CHECKOUT_SESSION, ORG_BILLING, ORG_PRICES, ORG_USAGE, PORTAL_SESSION, PROVIDER_UNAVAILABLE, RATE_LIMITED, UNAUTHENTICATED,
  fakeFetch,
} from './fixtures.mjs';

const declared = (file) => readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');

test('every method of the client is declared in billing-bridge.d.ts, and nothing more', () => {
  const body = declared('billing-bridge.d.ts').match(/export interface BillingClient \{([\s\S]*?)\n\}/)[1];
  const names = [...body.matchAll(/^ {2}(\w+)\(/gm)].map(([, name]) => name).sort();
  assert.deepEqual(names, Object.keys(createBillingClient({ fetch: async () => null })).sort());
});

test('every export of both entry points is declared, and nothing more', async () => {
  for (const [source, types] of [['billing-bridge.js', 'billing-bridge.d.ts'], ['react.js', 'react.d.ts']]) {
    const names = [...declared(types).matchAll(/^export (?:function|class|const) (\w+)/gm)].map(([, name]) => name).sort();
    assert.deepEqual(names, Object.keys(await import(`../src/${source}`)).sort(), types);
  }
});

test('reads send the session token and answer the API\'s JSON', async () => {
  const server = fakeFetch(({ path }) => ({ body: path.startsWith('/v1/billing/prices') ? ORG_PRICES : ORG_BILLING }));
  const client = createBillingClient({ baseUrl: 'https://billing.example.com', getToken: async () => 'tok_1', fetch: server.fetch });

  assert.deepEqual(await client.prices('organization'), ORG_PRICES.data);
  assert.deepEqual(await client.customer('organization'), ORG_BILLING);
  assert.deepEqual(server.requests.map((r) => [r.method, r.url, r.headers.Authorization]), [
    ['GET', 'https://billing.example.com/v1/billing/prices?owner=organization', 'Bearer tok_1'],
    ['GET', 'https://billing.example.com/v1/billing/customer?owner=organization', 'Bearer tok_1'],
  ]);
});

test('without a token the client sends no Authorization header (the cookie authenticates)', async () => {
  const server = fakeFetch(() => ({ body: ORG_BILLING }));
  await createBillingClient({ getToken: () => null, fetch: server.fetch }).customer();
  assert.equal(server.requests[0].headers.Authorization, undefined);
  assert.equal(server.requests[0].path, '/v1/billing/customer?owner=user');
});

test('writes are JSON, even the bodiless sync', async () => {
  const server = fakeFetch(({ path }) => ({
    status: path.endsWith('/sync') ? 200 : 201,
    body: path.includes('portal') ? PORTAL_SESSION : path.endsWith('/sync') ? ORG_BILLING : CHECKOUT_SESSION,
  }));
  const client = createBillingClient({ fetch: server.fetch });
  assert.deepEqual(await client.startCheckout({ owner: 'organization', price: 'team_monthly', quantity: 3,
    successUrl: 'https://app.example.com/ok', cancelUrl: 'https://app.example.com/' }), CHECKOUT_SESSION);
  assert.deepEqual(await client.openPortal({ owner: 'organization', returnUrl: 'https://app.example.com/' }), PORTAL_SESSION);
  assert.deepEqual(await client.syncCheckout('cs_test_a1'), ORG_BILLING);

  assert.deepEqual(server.requests.map((r) => [r.method, r.path, r.headers['Content-Type'], r.body]), [
    ['POST', '/v1/billing/checkout-sessions', 'application/json', { owner: 'organization', price: 'team_monthly',
      quantity: 3, successUrl: 'https://app.example.com/ok', cancelUrl: 'https://app.example.com/' }],
    ['POST', '/v1/billing/portal-sessions', 'application/json', { owner: 'organization', returnUrl: 'https://app.example.com/' }],
    ['POST', '/v1/billing/checkout-sessions/cs_test_a1/sync', 'application/json', undefined],
  ]);
});

test('a read keeps its body and ETag, sends If-None-Match next time and answers a 304 with the kept body', async () => {
  let current = { etag: '"t1"', body: ORG_BILLING };
  const server = fakeFetch(({ headers }) => (headers['If-None-Match'] === current.etag
    ? { status: 304, headers: { ETag: current.etag } }
    : { body: current.body, headers: { ETag: current.etag } }));
  const client = createBillingClient({ getToken: () => 'tok_1', fetch: server.fetch });

  assert.deepEqual(await client.customer('organization'), ORG_BILLING);
  const again = await client.customer('organization');
  assert.deepEqual(again, ORG_BILLING);
  again.subscriptions.length = 0;
  assert.deepEqual(await client.customer('organization'), ORG_BILLING, 'each answer is a copy of the kept body');
  current = { etag: '"t2"', body: { ...ORG_BILLING, stale: true } };
  assert.equal((await client.customer('organization')).stale, true, 'a changed snapshot: the new body');
  assert.equal((await client.customer('organization')).stale, true);

  assert.deepEqual(server.requests.map((r) => r.headers['If-None-Match']), [undefined, '"t1"', '"t1"', '"t1"', '"t2"']);
});

test('each URL keeps its own tag; writes send none; an error or an answer without ETag forgets it', async () => {
  let fail = false;
  const server = fakeFetch(({ method, path }) => {
    if (method !== 'GET') return { body: ORG_BILLING, headers: { ETag: '"write"' } };
    if (fail) return { status: 401, body: UNAUTHENTICATED };
    if (path.startsWith('/v1/billing/prices')) return { body: ORG_PRICES };
    return { body: ORG_BILLING, headers: { ETag: `"${path}"` } };
  });
  const client = createBillingClient({ fetch: server.fetch });

  await client.customer('organization');
  await client.customer('user');
  await client.prices('organization');
  await client.prices('organization');
  await client.cancelSubscription({ owner: 'organization', subscription: 'sub_1Acme' });
  await client.customer('organization');
  fail = true;
  await assert.rejects(client.customer('organization'), (e) => e.status === 401);
  fail = false;
  await client.customer('organization');

  assert.deepEqual(server.requests.map((r) => [r.method, r.path, r.headers['If-None-Match']]), [
    ['GET', '/v1/billing/customer?owner=organization', undefined],
    ['GET', '/v1/billing/customer?owner=user', undefined],
    ['GET', '/v1/billing/prices?owner=organization', undefined],
    ['GET', '/v1/billing/prices?owner=organization', undefined],
    ['POST', '/v1/billing/subscriptions/sub_1Acme/cancel', undefined],
    ['GET', '/v1/billing/customer?owner=organization', '"/v1/billing/customer?owner=organization"'],
    ['GET', '/v1/billing/customer?owner=organization', '"/v1/billing/customer?owner=organization"'],
    ['GET', '/v1/billing/customer?owner=organization', undefined],
  ]);
});

test('a 401 rejects with the API\'s error, its status and request id', async () => {
  const server = fakeFetch(() => ({ status: 401, body: UNAUTHENTICATED, headers: { 'Request-Id': 'req_401' } }));
  await assert.rejects(createBillingClient({ fetch: server.fetch }).customer(), (error) => {
    assert.ok(error instanceof BillingBridgeError);
    assert.deepEqual([error.status, error.type, error.code, error.message, error.requestId, error.retryAfter],
      [401, 'authentication_error', 'invalid_session_token', 'The session token is missing or invalid.', 'req_401', undefined]);
    return true;
  });
});

test('a 429 carries the Retry-After seconds', async () => {
  const server = fakeFetch(() => ({ status: 429, body: RATE_LIMITED, headers: { 'Retry-After': '7' } }));
  await assert.rejects(createBillingClient({ fetch: server.fetch }).startCheckout({ price: 'pro_monthly' }),
    (error) => error.status === 429 && error.code === 'rate_limited' && error.retryAfter === 7);
});

test('a 503 carries Retry-After too; an answer that is not JSON still rejects with its status', async () => {
  let answer = { status: 503, body: PROVIDER_UNAVAILABLE, headers: { 'Retry-After': '2' } };
  const client = createBillingClient({ fetch: fakeFetch(() => answer).fetch });
  await assert.rejects(client.customer(), (e) => e.status === 503 && e.code === 'provider_unavailable' && e.retryAfter === 2);
  answer = { status: 502, body: '<html>Bad gateway</html>', headers: { 'Content-Type': 'text/html' } };
  await assert.rejects(client.customer(), (e) => e instanceof BillingBridgeError && e.status === 502
    && e.type === 'api_error' && e.code === 'unknown' && e.message === 'request failed with status 502');
});

test('a network failure rejects with the fetch\'s own error', async () => {
  const client = createBillingClient({ fetch: async () => { throw new TypeError('fetch failed'); } });
  await assert.rejects(client.prices(), { name: 'TypeError', message: 'fetch failed' });
});

test('plan changes, cancel and resume call the subscription\'s endpoints with JSON and leave out what was not given', async () => {
  const server = fakeFetch(({ path }) => ({ body: path.endsWith('/change-preview') ? PLAN_CHANGE_PREVIEW : USER_PRO_TRIAL }));
  const client = createBillingClient({ fetch: server.fetch });

  assert.deepEqual(await client.previewChange({ subscription: 'sub_1Carol', price: 'pro_yearly' }), PLAN_CHANGE_PREVIEW);
  assert.deepEqual(await client.changePlan({ subscription: 'sub_1Carol', price: 'pro_yearly', when: 'now',
    prorationDate: PLAN_CHANGE_PREVIEW.prorationDate }), USER_PRO_TRIAL);
  await client.withdrawScheduledChange({ owner: 'organization', subscription: 'sub_1Carol' });
  await client.cancelSubscription({ subscription: 'sub_1Carol', reason: 'too expensive' });
  await client.cancelSubscription({ subscription: 'sub_1Carol', at: 'now' });
  await client.resumeSubscription({ subscription: 'sub_1Carol' });

  assert.deepEqual(server.requests.map((r) => [r.method, r.path, r.headers['Content-Type'], r.body]), [
    ['POST', '/v1/billing/subscriptions/sub_1Carol/change-preview', 'application/json', { owner: 'user', price: 'pro_yearly' }],
    ['POST', '/v1/billing/subscriptions/sub_1Carol/change', 'application/json',
      { owner: 'user', price: 'pro_yearly', when: 'now', prorationDate: '2026-11-28T10:00:00Z' }],
    ['DELETE', '/v1/billing/subscriptions/sub_1Carol/scheduled-change?owner=organization', 'application/json', undefined],
    ['POST', '/v1/billing/subscriptions/sub_1Carol/cancel', 'application/json', { owner: 'user', at: 'period_end', reason: 'too expensive' }],
    ['POST', '/v1/billing/subscriptions/sub_1Carol/cancel', 'application/json', { owner: 'user', at: 'now' }],
    ['POST', '/v1/billing/subscriptions/sub_1Carol/resume', 'application/json', { owner: 'user' }],
  ]);
});

test('a subscription id is encoded into the path, and a missing one rejects without a request', async () => {
  const server = fakeFetch(() => ({ body: USER_PRO_TRIAL }));
  const client = createBillingClient({ fetch: server.fetch });

  await client.resumeSubscription({ subscription: 'sub_1/../x?y' });
  await assert.rejects(client.cancelSubscription({ price: 'pro_yearly' }), TypeError);
  await assert.rejects(client.previewChange({ subscription: '', price: 'pro_yearly' }), TypeError);

  assert.deepEqual(server.requests.map((r) => r.path), ['/v1/billing/subscriptions/sub_1%2F..%2Fx%3Fy/resume']);
});

test('a refused second subscription names the subscription to change instead; checkout sends a promotion code', async () => {
  const server = fakeFetch(() => ({ status: 409, body: ALREADY_SUBSCRIBED }));
  const client = createBillingClient({ fetch: server.fetch });

  const error = await client.startCheckout({ price: 'pro_yearly', promotionCode: 'LAUNCH20',
    successUrl: 'https://app.example.com/ok', cancelUrl: 'https://app.example.com/' }).catch((e) => e);

  assert.ok(error instanceof BillingBridgeError);
  assert.deepEqual([error.status, error.code, error.subscription], [409, 'already_subscribed', 'sub_1Carol']);
  assert.equal(server.requests[0].body.promotionCode, 'LAUNCH20');
});

test('a portal flow and its subscription are sent when given', async () => {
  const server = fakeFetch(() => ({ status: 201, body: PORTAL_SESSION }));
  const client = createBillingClient({ fetch: server.fetch });

  await client.openPortal({ returnUrl: 'https://app.example.com/', flow: 'subscription_cancel', subscription: 'sub_1Carol' });

  assert.deepEqual(server.requests[0].body, { owner: 'user', returnUrl: 'https://app.example.com/',
    flow: 'subscription_cancel', subscription: 'sub_1Carol' });
});

test('usage reads the owner\'s metered usage, of one meter when asked, and answers its list', async () => {
  const server = fakeFetch(() => ({ body: ORG_USAGE }));
  const client = createBillingClient({ baseUrl: 'https://billing.example.com', getToken: () => 'tok_1', fetch: server.fetch });

  assert.deepEqual(await client.usage({ owner: 'organization' }), ORG_USAGE.data);
  await client.usage({ meter: 'mtr_1ApiCalls' });
  await client.usage();
  assert.deepEqual(server.requests.map((r) => [r.method, r.path]), [
    ['GET', '/v1/billing/usage?owner=organization'],
    ['GET', '/v1/billing/usage?owner=user&meter=mtr_1ApiCalls'],
    ['GET', '/v1/billing/usage?owner=user'],
  ]);
});

test('a checkout may name metered add-ons; left out, none is sent and the server adds those the price allows', async () => {
  const server = fakeFetch(() => ({ status: 201, body: CHECKOUT_SESSION }));
  const client = createBillingClient({ fetch: server.fetch });
  const urls = { successUrl: 'https://app.example.com/ok', cancelUrl: 'https://app.example.com/no' };

  await client.startCheckout({ owner: 'organization', price: 'team_monthly', addOns: ['api_calls_monthly'], ...urls });
  await client.startCheckout({ price: 'pro_monthly', ...urls });
  assert.deepEqual(server.requests[0].body.addOns, ['api_calls_monthly']);
  assert.equal('addOns' in server.requests[1].body, false);
});
