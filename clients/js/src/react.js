// Billing Bridge for React: a provider, hooks and gating components over the dependency-free client.
// Plain ES modules (React.createElement, no JSX step); React 18 or later is a peer dependency.
//
//   const { getToken, userId, orgId } = useAuth();            // Clerk
//   <BillingProvider baseUrl="https://billing.example.com" getToken={getToken} userId={userId} orgId={orgId}>
//     <Entitlement feature="exports" fallback={<Upgrade />}><ExportButton /></Entitlement>
//   </BillingProvider>
import {
  createContext, createElement, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore,
} from 'react';
import { createBillingClient } from './billing-bridge.js';

/** Subscription statuses that grant a plan, as the server counts them: active, trialing, or past due (grace). */
export const LIVE_STATUSES = Object.freeze(['active', 'trialing', 'past_due']);

const BillingContext = createContext(null);
const MISSING = Object.freeze({ data: undefined, error: null, loading: true });
const LOADERS = {
  billing: (owner) => (client) => client.customer(owner),
  prices: (owner) => (client) => client.prices(owner),
  usage: (owner, meter) => (client) => client.usage({ owner, meter }),
};

/**
 * Gives the hooks below a client and a shared cache. `getToken` is Clerk's `useAuth().getToken` (or any function
 * that returns a session token; without one the `__session` cookie authenticates). Pass `userId` and `orgId` from
 * `useAuth()` too: when either changes, cached billing is dropped and every hook fetches again, so a switch of the
 * active organization never shows the previous organization's plan. `owner` is the hooks' default owner
 * (default: `'organization'` while an organization is active, else `'user'`). `onUnauthenticated(error)` runs on
 * every 401, e.g. to send the user to sign in again. On return from Stripe Checkout (`?session_id=` in the URL,
 * as `redirectToCheckout` sets it) the provider syncs that checkout first, and the hooks wait for it.
 */
export function BillingProvider({
  getToken, baseUrl, fetch, client: givenClient, userId, orgId, owner, onUnauthenticated,
  checkoutParam = 'session_id', children,
}) {
  const tokenRef = useRef(getToken);
  tokenRef.current = getToken;
  const unauthenticatedRef = useRef(onUnauthenticated);
  unauthenticatedRef.current = onUnauthenticated;

  const client = useMemo(() => givenClient || createBillingClient({
    baseUrl,
    fetch,
    getToken: () => (tokenRef.current ? tokenRef.current() : null),
  }), [givenClient, baseUrl, fetch]);
  const reportError = useCallback((error) => {
    if (error && error.status === 401 && unauthenticatedRef.current) unauthenticatedRef.current(error);
  }, []);
  const store = useMemo(() => createStore(client, reportError), [client, reportError]);

  const session = `${userId || ''}|${orgId || ''}`;
  useEffect(() => store.retain(`${session}|`), [store, session]);

  const [returned, setReturned] = useState(() => {
    const sessionId = checkoutSessionIdInUrl(checkoutParam);
    return sessionId ? { sessionId, status: 'syncing', error: null } : { sessionId: null, status: 'none', error: null };
  });
  const syncStarted = useRef(false);
  useEffect(() => {
    if (returned.status !== 'syncing' || syncStarted.current) return;
    syncStarted.current = true;
    client.syncCheckout(returned.sessionId).then((billing) => {
      store.put(`${session}|billing|${billing.owner.type}`, billing, LOADERS.billing(billing.owner.type));
      return { sessionId: returned.sessionId, status: 'synced', error: null };
    }, (error) => {
      reportError(error);
      return { sessionId: returned.sessionId, status: 'failed', error };
    }).then((next) => {
      removeParamFromUrl(checkoutParam);
      setReturned(next);
    });
  }, [client, store, session, returned, checkoutParam, reportError]);

  // Back from Stripe with the browser's back button: the page comes from the back-forward cache, so nothing reloads.
  useEffect(() => {
    if (typeof window === 'undefined') return undefined;
    const onPageShow = (event) => {
      if (event.persisted) store.refreshAll();
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, [store]);

  const value = useMemo(() => ({
    client,
    store,
    session,
    owner: owner || (orgId ? 'organization' : 'user'),
    paused: returned.status === 'syncing',
    returned,
    reportError,
  }), [client, store, session, owner, orgId, returned, reportError]);
  return createElement(BillingContext.Provider, { value }, children);
}

/** The provider's client, for calls the hooks do not cover. */
export function useBillingClient() {
  return useBillingContext().client;
}

/**
 * The owner's billing (`GET /v1/billing/customer`): `{data, loading, error, refresh}`. `data` is the last answer for
 * this owner in this session (kept while refreshing and after a failed refresh); `error` a `BillingBridgeError`
 * (`status` 401: sign in again; 429: `retryAfter` seconds) or a network error.
 */
export function useBilling(owner) {
  return useResource('billing', owner);
}

/** The prices the owner type may buy (`GET /v1/billing/prices`), as `useBilling` gives billing. */
export function usePrices(owner) {
  return useResource('prices', owner);
}

/**
 * The owner's usage so far in the current period (`GET /v1/billing/usage`), one entry per metered item, as
 * `useBilling` gives billing; `meter` keeps one meter. Call `refresh` to read again (the server keeps each figure for
 * 30 seconds, so refreshing more often shows the same numbers).
 */
export function useUsage({ owner, meter } = {}) {
  return useResource('usage', owner, meter);
}

/**
 * `{start(options), loading, error, returned}`: `start` sends the browser to Stripe Checkout (owner defaults to the
 * provider's); `returned` tells about a checkout the page came back from: `{sessionId, status, error}`, status
 * `none`, `syncing`, `synced` or `failed`.
 */
export function useCheckout() {
  const context = useBillingContext();
  const { client, owner } = context;
  const action = useAction(context, useCallback((options) => client.redirectToCheckout({ owner, ...options }),
    [client, owner]));
  return { start: action.run, loading: action.loading, error: action.error, returned: context.returned };
}

/** `{open(options), loading, error}`: `open` sends the browser to the Stripe billing portal. */
export function usePortal() {
  const context = useBillingContext();
  const { client, owner } = context;
  const action = useAction(context, useCallback((options) => client.redirectToPortal({ owner, ...options }),
    [client, owner]));
  return { open: action.run, loading: action.loading, error: action.error };
}

/**
 * `{preview, change, withdrawScheduledChange, cancel, resume, loading, error}` for the owner's subscriptions (owner:
 * the provider's, unless given in the options). Each write answers with the owner's fresh billing, which every
 * `useBilling` of that owner shows at once; each resolves to its answer, or to undefined when it failed (then
 * `error` tells why, e.g. `change_in_progress` or `payment_failed`).
 */
export function useSubscriptionActions() {
  const context = useBillingContext();
  const { client, owner, store, session, reportError } = context;
  const [state, setState] = useState({ loading: false, error: null });
  const perform = useCallback((call, updatesBilling) => async (options) => {
    const chosen = { owner, ...options };
    setState({ loading: true, error: null });
    try {
      const answer = await call(chosen);
      if (updatesBilling) store.put(`${session}|billing|${chosen.owner}`, answer, LOADERS.billing(chosen.owner));
      setState({ loading: false, error: null });
      return answer;
    } catch (error) {
      reportError(error);
      setState({ loading: false, error });
      return undefined;
    }
  }, [owner, store, session, reportError]);
  const actions = useMemo(() => ({
    preview: perform(client.previewChange, false),
    change: perform(client.changePlan, true),
    withdrawScheduledChange: perform(client.withdrawScheduledChange, true),
    cancel: perform(client.cancelSubscription, true),
    resume: perform(client.resumeSubscription, true),
  }), [client, perform]);
  return { ...actions, loading: state.loading, error: state.error };
}

/** `{allowed, loading, error}`: whether the owner's active entitlements include this feature's lookup key. */
export function useEntitlement(feature, owner) {
  const { data, loading, error } = useBilling(owner);
  return { allowed: Boolean(data) && hasEntitlement(data, feature), loading: loading && !data, error };
}

/** `{active, loading, error}`: whether the owner has a live subscription to that plan (see `hasPlan`). */
export function usePlan(is, owner) {
  const { data, loading, error } = useBilling(owner);
  return { active: Boolean(data) && hasPlan(data, is), loading: loading && !data, error };
}

/**
 * Renders `children` if the owner has the entitlement, else `fallback`; until billing is known, `loading`
 * (default nothing), so gated content never flashes. Without billing (an error and no earlier answer): `fallback`.
 */
export function Entitlement({ feature, owner, fallback = null, loading = null, children = null }) {
  const state = useEntitlement(feature, owner);
  if (state.loading) return loading;
  return state.allowed ? children : fallback;
}

/** Renders `children` if the owner has a live subscription to the plan `is` (see `hasPlan`), else `fallback`. */
export function Plan({ is, owner, fallback = null, loading = null, children = null }) {
  const state = usePlan(is, owner);
  if (state.loading) return loading;
  return state.active ? children : fallback;
}

/** True if the billing's active entitlements (Stripe entitlement feature lookup keys) include `feature`. */
export function hasEntitlement(billing, feature) {
  return billing.entitlements.includes(feature);
}

/**
 * True if a subscription in a live status (`LIVE_STATUSES`) has an item whose price lookup key, price id or
 * product id equals `is`, or whose product name equals it ignoring case; `is` may be a list (any of them).
 */
export function hasPlan(billing, is) {
  const wanted = Array.isArray(is) ? is : [is];
  return billing.subscriptions.some((subscription) => LIVE_STATUSES.includes(subscription.status)
    && subscription.items.some((item) => wanted.some((plan) => item.lookupKey === plan || item.price === plan
      || item.product.id === plan || item.product.name.toLowerCase() === String(plan).toLowerCase())));
}

function useBillingContext() {
  const context = useContext(BillingContext);
  if (!context) throw new Error('Billing Bridge hooks and components must be rendered inside a <BillingProvider>');
  return context;
}

function useResource(kind, ownerArgument, meter) {
  const { store, session, owner: defaultOwner, paused } = useBillingContext();
  const owner = ownerArgument || defaultOwner;
  const key = `${session}|${kind}|${owner}${meter ? `|${meter}` : ''}`;
  const read = useCallback(() => store.read(key), [store, key]);
  const state = useSyncExternalStore(store.subscribe, read, read);
  const missing = state === MISSING;
  useEffect(() => {
    if (!paused && missing) store.ensure(key, LOADERS[kind](owner, meter));
  }, [store, key, kind, owner, meter, paused, missing]);
  const refresh = useCallback(() => store.fetch(key, LOADERS[kind](owner, meter)), [store, key, kind, owner, meter]);
  return useMemo(() => ({ data: state.data, loading: state.loading, error: state.error, refresh }), [state, refresh]);
}

function useAction(context, perform) {
  const [state, setState] = useState({ loading: false, error: null });
  const { reportError } = context;
  const run = useCallback(async (options) => {
    setState({ loading: true, error: null });
    try {
      // Stays loading on success: the browser is leaving for Stripe.
      return await perform(options);
    } catch (error) {
      reportError(error);
      setState({ loading: false, error });
      return undefined;
    }
  }, [perform, reportError]);
  return { run, loading: state.loading, error: state.error };
}

/** A cache of answers by key, each fetched once until refreshed; a late answer never overwrites a newer request's. */
function createStore(client, reportError) {
  const entries = new Map();
  const listeners = new Set();
  let requests = 0;
  const notify = () => listeners.forEach((listener) => listener());
  const settle = (key, request, state) => {
    const entry = entries.get(key);
    if (!entry || entry.request !== request) return;
    entries.set(key, { ...entry, state });
    notify();
  };
  const store = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    read: (key) => (entries.has(key) ? entries.get(key).state : MISSING),
    ensure(key, load) {
      if (!entries.has(key)) store.fetch(key, load);
    },
    fetch(key, load) {
      const request = ++requests;
      const previous = entries.get(key);
      const data = previous ? previous.state.data : undefined;
      entries.set(key, { request, load, state: { data, error: null, loading: true } });
      notify();
      return load(client).then(
        (answer) => settle(key, request, { data: answer, error: null, loading: false }),
        (error) => {
          settle(key, request, { data, error, loading: false });
          reportError(error);
        });
    },
    put(key, data, load) {
      entries.set(key, { request: ++requests, load, state: { data, error: null, loading: false } });
      notify();
    },
    refreshAll() {
      for (const [key, entry] of [...entries]) if (entry.load) store.fetch(key, entry.load);
    },
    retain(prefix) {
      let dropped = false;
      for (const key of [...entries.keys()]) {
        if (!key.startsWith(prefix)) dropped = entries.delete(key) || dropped;
      }
      if (dropped) notify();
    },
  };
  return store;
}

function checkoutSessionIdInUrl(param) {
  if (typeof window === 'undefined' || !window.location) return null;
  return new URL(window.location.href).searchParams.get(param);
}

function removeParamFromUrl(param) {
  if (typeof window === 'undefined' || !window.history) return;
  const url = new URL(window.location.href);
  url.searchParams.delete(param);
  window.history.replaceState(window.history.state, '', url.toString());
}
