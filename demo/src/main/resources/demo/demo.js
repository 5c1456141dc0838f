import { createBillingClient } from '/client/billing-bridge.js';

// The demo's Clerk stand-in; a real app would use Clerk's own SDK and pass getToken to the client.
const CLERK = 'http://127.0.0.1:12112';
const billing = createBillingClient();
const $ = (id) => document.getElementById(id);
const owner = () => $('owner').value;
const money = (m) => (m ? `${(m.amount / 100).toFixed(2)} ${m.currency.toUpperCase()}` : '');

const wanted = new URLSearchParams(location.search).get('owner');
if (wanted === 'user' || wanted === 'organization') $('owner').value = wanted;
$('sign-in').href = `${CLERK}/?redirect_url=${encodeURIComponent(location.origin + location.pathname)}`;

// Clerk session tokens live 60 s; the dev instance refreshes the __session cookie on request.
async function refreshSession() {
  await fetch(`${CLERK}/_sandbox/refresh`, { method: 'POST', credentials: 'include',
    headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(() => undefined);
}

function show(error) {
  $('message').className = error ? 'error' : '';
  $('message').textContent = error ? `${error.message} (${error.code})` : '';
}

function element(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  Object.entries(attributes).forEach(([k, v]) => e.setAttribute(k, v));
  children.forEach((c) => e.append(c));
  return e;
}

async function renderPrices() {
  const container = $('prices');
  container.replaceChildren();
  for (const price of await billing.prices(owner())) {
    const quantity = element('input', { type: 'number', min: '1', value: '1', 'aria-label': 'quantity' });
    const buy = element('button', { 'data-price': price.lookupKey || price.id }, 'Buy');
    buy.addEventListener('click', async () => {
      try {
        await refreshSession();
        await billing.redirectToCheckout({ owner: owner(), price: price.lookupKey || price.id,
          quantity: price.type === 'one_time' ? Number(quantity.value) : undefined,
          successUrl: `${location.origin}${location.pathname}?owner=${owner()}&session_id={CHECKOUT_SESSION_ID}`,
          cancelUrl: `${location.origin}${location.pathname}?owner=${owner()}` });
      } catch (e) { show(e); }
    });
    const amount = money({ amount: price.unitAmount, currency: price.currency });
    const per = price.recurring ? ` / ${price.recurring.interval}` : ' once';
    container.append(element('div', { class: 'card' }, element('h3', {}, price.product.name),
      element('p', {}, amount + per), ...(price.type === 'one_time' ? [quantity, ' '] : []), buy));
  }
}

function renderBilling(view) {
  const container = $('billing');
  container.replaceChildren();
  if (!view.customer) {
    container.append(element('p', {}, 'Nothing bought yet.'));
    return;
  }
  const rows = view.subscriptions.map((s) => element('tr', { 'data-subscription': s.id },
    element('td', {}, s.items.map((i) => `${i.product.name} x${i.quantity}`).join(', ')),
    element('td', { 'data-testid': 'subscription-status' }, s.status),
    element('td', {}, s.cancelAtPeriodEnd ? 'cancels at period end' : '')));
  container.append(element('h3', {}, 'Subscriptions'),
    rows.length ? element('table', {}, ...rows) : element('p', {}, 'None.'),
    element('h3', {}, 'Entitlements'), element('p', { 'data-testid': 'entitlements' }, view.entitlements.join(', ') || 'None.'));
  if (view.invoices) {
    container.append(element('h3', {}, 'Invoices'), element('table', {}, ...view.invoices.map((i) =>
      element('tr', {}, element('td', {}, i.number || i.id), element('td', {}, i.status), element('td', {}, money(i.total))))));
  }
  if (view.paymentMethods) {
    container.append(element('h3', {}, 'Payment methods'), element('p', {}, view.paymentMethods
      .map((p) => `${p.brand} •••• ${p.last4} (${p.expMonth}/${p.expYear})`).join(', ') || 'None.'));
  }
  if (view.stale) container.append(element('p', { class: 'error' }, 'Showing saved data: Stripe is unreachable.'));
}

async function load() {
  show(null);
  try {
    await refreshSession();
    const synced = await billing.syncCheckoutFromUrl();
    history.replaceState(null, '', location.pathname);
    await renderPrices();
    renderBilling(synced || await billing.customer(owner()));
  } catch (e) {
    show(e);
  }
}

$('owner').addEventListener('change', load);
$('portal').addEventListener('click', async () => {
  try {
    await refreshSession();
    await billing.redirectToPortal({ owner: owner() });
  } catch (e) { show(e); }
});
setInterval(refreshSession, 45000);
load();
