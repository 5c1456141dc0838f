// Compiled by `npm run typecheck` (tsc --noEmit), never run: uses every declared function and response type the way
// an application would, so a declaration that breaks real use fails the build.
import {
  BillingBridgeError, createBillingClient, type Billing, type CheckoutSession, type MeterUsage, type Price,
  type SubscriptionItem,
} from '@billing-bridge/client';
import {
  BillingProvider, Entitlement, LIVE_STATUSES, Plan, hasEntitlement, hasPlan, useBilling, useBillingClient,
  useCheckout, useEntitlement, usePlan, usePortal, usePrices, useUsage,
} from '@billing-bridge/client/react';

declare function useAuth(): { getToken: () => Promise<string | null>; userId: string | null; orgId: string | null };

export async function plainClient(): Promise<string[]> {
  const billing = createBillingClient({ baseUrl: 'https://billing.example.com', getToken: () => 'token' });
  const prices: Price[] = await billing.prices('organization');
  const view: Billing = (await billing.syncCheckoutFromUrl()) ?? (await billing.customer('organization'));
  const session: CheckoutSession = await billing.startCheckout({ owner: 'user', price: 'pro_monthly', quantity: 1 });
  await billing.redirectToCheckout({ price: 'team_monthly', successUrl: 'https://app.example.com/ok' });
  const portal = await billing.openPortal({ owner: 'organization', returnUrl: 'https://app.example.com' });
  await billing.redirectToPortal();
  await billing.startCheckout({ owner: 'organization', price: 'team_monthly', addOns: ['api_calls_monthly'] });
  const used: MeterUsage[] = await billing.usage({ owner: 'organization', meter: 'mtr_1' });
  const usageLines = used.map((u) => `${u.meter.displayName}: ${u.usage} ${u.amount?.amount ?? ''} ${u.price.unitAmount?.currency ?? ''}`);
  const synced: Billing = await billing.syncCheckout(session.id);
  const items: SubscriptionItem[] = view.subscriptions.flatMap((s) => s.items);
  const amounts = prices.map((p) => `${p.product.name}: ${p.unitAmount ?? 0} ${p.currency} ${p.recurring?.interval ?? ''}`);
  const invoices = (synced.invoices ?? []).map((i) => `${i.number ?? i.id} ${i.total.amount} ${i.hostedInvoiceUrl}`);
  const cards = (view.paymentMethods ?? []).map((m) => `${m.brand} ${m.last4} ${m.expMonth}/${m.expYear}`);
  try {
    await billing.customer();
  } catch (e) {
    if (e instanceof BillingBridgeError && e.status === 429) amounts.push(`retry in ${e.retryAfter ?? 1} s (${e.code}, ${e.type})`);
  }
  return [...amounts, ...usageLines, ...invoices, ...cards, portal.url, items.map((i) => i.lookupKey ?? i.price).join(), view.owner.type];
}

function Account() {
  const { data, loading, error, refresh } = useBilling();
  const prices = usePrices('organization');
  const usage = useUsage({ meter: 'mtr_1' });
  void usage.data?.map((u) => `${u.meter.eventName} ${u.usage} until ${u.currentPeriodEnd}`);
  const checkout = useCheckout();
  const portal = usePortal();
  const exports = useEntitlement('exports');
  const pro = usePlan(['pro', 'team_monthly'], 'user');
  const client = useBillingClient();
  if (loading && !data) return <p>Loading…</p>;
  if (error instanceof BillingBridgeError && error.status === 401) return <p>Please sign in again.</p>;
  return (
    <div>
      {error && <p>{error.message}</p>}
      <button onClick={() => void refresh()}>Refresh</button>
      {prices.data?.map((p) => (
        <button key={p.id} disabled={checkout.loading} onClick={() => void checkout.start({ price: p.lookupKey ?? p.id })}>
          {p.product.name}
        </button>
      ))}
      <button onClick={() => void portal.open()}>Manage billing</button>
      {checkout.returned.status === 'synced' && <p>Thank you!</p>}
      {exports.allowed && !pro.loading && pro.active && <p>Pro with exports</p>}
      {data && hasEntitlement(data, 'exports') && hasPlan(data, 'pro') && <p>{LIVE_STATUSES.join()}</p>}
      <button onClick={() => void client.customer('user')}>Reload</button>
      <Entitlement feature="exports" fallback={<p>Upgrade to export</p>} loading={<p>…</p>}>
        <button>Export</button>
      </Entitlement>
      <Plan is="pro" owner="user" fallback={null}>
        <p>Pro</p>
      </Plan>
    </div>
  );
}

export function App() {
  const { getToken, userId, orgId } = useAuth();
  return (
    <BillingProvider baseUrl="https://billing.example.com" getToken={getToken} userId={userId} orgId={orgId}
      onUnauthenticated={(e) => console.warn(e.requestId)}>
      <Account />
    </BillingProvider>
  );
}
