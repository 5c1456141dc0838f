import { ClerkProvider, useAuth } from '@clerk/clerk-react';
import { BillingProvider, useBilling, useCheckout, Entitlement, Plan } from '@billing-bridge/client/react';

export const App = () => <ClerkProvider publishableKey="pk_test_..."><Billing /></ClerkProvider>;
function Billing() {
  const { getToken, userId, orgId } = useAuth(); // userId and orgId: a switch of organization refetches
  return <BillingProvider baseUrl="https://billing.example.com" getToken={getToken} userId={userId} orgId={orgId}><Account /></BillingProvider>;
}
function Account() {
  const { data, error } = useBilling(); // the active organization's billing, else the user's
  const checkout = useCheckout(); // back from Stripe Checkout, the session is synced before anything shows
  if (error) return <p>{error.status === 429 ? `Retry in ${error.retryAfter} s` : error.message}</p>;
  return <><Plan is="team" fallback={<button onClick={() => checkout.start({ price: 'team_monthly' })}>Upgrade</button>}>
    Team plan, {data?.subscriptions[0]?.items[0]?.quantity} seats</Plan>
    <Entitlement feature="exports" fallback={<p>Exports need the Team plan.</p>}><button>Export</button></Entitlement></>;
}
