import { createBillingClient } from '/client/billing-bridge.js';

// The demo's Clerk stand-in; a real app would use Clerk's own SDK and pass getToken to the client.
const CLERK = 'http://127.0.0.1:12112';
const LIVE = ['active', 'trialing', 'past_due', 'incomplete', 'unpaid', 'paused'];
const billing = createBillingClient();
const $ = (id) => document.getElementById(id);
const owner = () => $('owner').value;
const money = (m) => (m ? `${(m.amount / 100).toFixed(2)} ${m.currency.toUpperCase()}` : '');
const day = (iso) => (iso ? new Date(iso).toISOString().slice(0, 10) : '');
let current = null;

const wanted = new URLSearchParams(location.search).get('owner');
if (wanted === 'user' || wanted === 'organization') $('owner').value = wanted;
$('sign-in').href = `${CLERK}/?redirect_url=${encodeURIComponent(location.origin + location.pathname)}`;

// Clerk session tokens live 60 s; the dev instance refreshes the __session cookie on request and says whose it is.
async function refreshSession() {
  try {
    const response = await fetch(`${CLERK}/_sandbox/refresh`, { method: 'POST', credentials: 'include',
      headers: { 'Content-Type': 'application/json' }, body: '{}' });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

function showWho(session) {
  if (!session || !session.jwt) {
    $('who').textContent = 'Not signed in.';
    return;
  }
  const claims = JSON.parse(atob(session.jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  const org = claims.o ? ` · organization ${claims.o.slg || claims.o.id} (${claims.o.rol})` : ' · no organization';
  $('who').textContent = `Signed in as ${claims.sub}${org}`;
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

function button(label, attributes, action) {
  const b = element('button', attributes, label);
  b.addEventListener('click', async () => {
    show(null);
    try {
      await refreshSession();
      await action();
    } catch (e) { show(e); }
  });
  return b;
}

const live = (view) => (view && view.subscriptions ? view.subscriptions.filter((s) => LIVE.includes(s.status)) : []);
const priceKey = (price) => price.lookupKey || price.id;
const isCurrent = (price, subscription) => subscription.items.some((i) => i.price === price.id);
const metered = (price) => Boolean(price.recurring && price.recurring.usageType === 'metered');

async function renderPrices() {
  const container = $('prices');
  container.replaceChildren();
  const subscriptions = live(current);
  const prices = await billing.prices(owner());
  // A metered price is an add-on: checkout adds it to the plan it belongs to (the server's configuration says which).
  for (const price of prices.filter(metered)) {
    container.append(element('div', { class: 'card', 'data-addon': priceKey(price) }, element('h3', {}, price.product.name),
      element('p', {}, `${money({ amount: price.unitAmount, currency: price.currency })} per unit, billed by usage`),
      element('p', {}, 'Added with its plan at checkout.')));
  }
  for (const price of prices.filter((p) => !metered(p))) {
    const amount = money({ amount: price.unitAmount, currency: price.currency });
    const per = price.recurring ? ` / ${price.recurring.interval}` : ' once';
    const card = element('div', { class: 'card' }, element('h3', {}, price.product.name), element('p', {}, amount + per));
    const mine = subscriptions.find((s) => isCurrent(price, s));
    if (price.type === 'one_time') {
      const quantity = element('input', { type: 'number', min: '1', value: '1', 'aria-label': 'quantity' });
      card.append(quantity, ' ', buyButton(price, () => Number(quantity.value)));
    } else if (mine) {
      card.classList.add('current');
      card.append(element('strong', { 'data-testid': 'current-plan', 'data-price': priceKey(price) }, 'Current plan'));
    } else if (subscriptions.length) {
      const subscription = subscriptions[0];
      card.append(button('Change', { 'data-change': priceKey(price) }, () => preview(subscription, price)));
    } else {
      card.append(buyButton(price, () => undefined));
    }
    container.append(card);
  }
}

function buyButton(price, quantity) {
  return button('Buy', { 'data-price': priceKey(price) }, () => billing.redirectToCheckout({
    owner: owner(), price: priceKey(price), quantity: quantity(),
    promotionCode: $('promotion-code').value.trim() || undefined,
    successUrl: `${location.origin}${location.pathname}?owner=${owner()}&session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${location.origin}${location.pathname}?owner=${owner()}` }));
}

// A plan change shows its price first: what is due now (prorated) or that it waits for the period end.
async function preview(subscription, price) {
  const quote = await billing.previewChange({ owner: owner(), subscription: subscription.id, price: priceKey(price) });
  const panel = $('preview');
  const when = quote.when === 'now' ? 'now' : `on ${day(quote.effectiveAt)} (end of the current period)`;
  panel.replaceChildren(element('h3', {}, `Change to ${price.product.name} ${price.recurring.interval}ly`),
    element('p', {}, 'Takes effect ', when, '. Due now: ',
      element('strong', { 'data-testid': 'preview-amount' }, money(quote.amountDue))),
    element('table', {}, ...quote.lines.map((line) => element('tr', {}, element('td', {}, line.description),
      element('td', {}, money(line.amount))))),
    button('Confirm change', { 'data-testid': 'confirm-change' }, async () => {
      panel.hidden = true;
      await render(await billing.changePlan({ owner: owner(), subscription: subscription.id, price: priceKey(price),
        when: quote.when, prorationDate: quote.prorationDate }));
    }),
    ' ',
    button('Keep my plan', {}, async () => { panel.hidden = true; }));
  panel.hidden = false;
}

function renderAccess(view) {
  const access = view.access;
  const container = $('access');
  container.replaceChildren();
  if (!access) return;
  const state = element('span', { 'data-testid': 'access-state', class: `state ${access.state}` }, access.state);
  container.append('Plan: ', element('strong', {}, access.plan || 'none'), ' · access ', state);
  if (access.graceEndsAt) container.append(` until ${day(access.graceEndsAt)}`);
  if (access.action && access.action.type === 'update_payment_method') {
    container.append(' ', button('Update payment method', { 'data-testid': 'update-payment-method' },
      () => billing.redirectToPortal({ owner: owner(), flow: 'payment_method_update' })));
  } else if (access.action && access.action.type === 'pay_invoice' && access.action.url) {
    container.append(' ', element('a', { href: access.action.url, 'data-testid': 'pay-invoice' }, 'Pay the open invoice'));
  } else if (access.action && access.action.type === 'pay_invoice') {
    container.append(' An invoice is open: ask your billing admin to pay it.');
  }
}

function subscriptionRow(s) {
  const notes = [];
  if (s.currentPeriodEnd && LIVE.includes(s.status)) notes.push(`renews ${day(s.currentPeriodEnd)}`);
  if (s.cancelAtPeriodEnd || s.cancelAt) notes.push(`cancels on ${day(s.cancelAt || s.currentPeriodEnd)}`);
  if (s.pauseCollection) notes.push(`payments paused (${s.pauseCollection.behavior})`);
  const actions = [];
  if (s.scheduledChange) {
    const next = s.scheduledChange;
    notes.push(element('span', { 'data-testid': 'scheduled-change' },
      `changes to ${next.productName} (${next.lookupKey || next.price}) on ${day(next.effectiveAt)}`));
    actions.push(button('Withdraw change', { 'data-withdraw': s.id }, async () =>
      render(await billing.withdrawScheduledChange({ owner: owner(), subscription: s.id }))));
  }
  // With a change scheduled for the period end, Stripe lets the schedule alone end the subscription: withdraw first.
  if (LIVE.includes(s.status) && !s.scheduledChange) {
    if (s.cancelAtPeriodEnd || s.cancelAt || s.status === 'paused') {
      actions.push(button('Resume', { 'data-resume': s.id }, async () =>
        render(await billing.resumeSubscription({ owner: owner(), subscription: s.id }))));
    } else {
      actions.push(button('Cancel', { 'data-cancel': s.id }, async () =>
        render(await billing.cancelSubscription({ owner: owner(), subscription: s.id, at: 'period_end' }))));
    }
  }
  const cell = element('td', { 'data-testid': 'subscription-notes' });
  notes.forEach((note, i) => cell.append(i ? ' · ' : '', note));
  return element('tr', { 'data-subscription': s.id },
    element('td', { 'data-testid': 'subscription-plan' },
      s.items.map((i) => `${i.product.name} ${i.lookupKey || i.price}${i.meter ? ' (by usage)' : ` x${i.quantity}`}`)
        .join(', ')),
    element('td', { 'data-testid': 'subscription-status' }, s.status), cell, element('td', {}, ...actions));
}

// Usage so far per meter, read from Billing Bridge (which asks Stripe at most every 30 s); never reported from here.
async function renderUsage(view) {
  const container = $('usage');
  container.replaceChildren();
  const hasMetered = live(view).some((s) => s.items.some((i) => i.meter));
  if (!hasMetered) return;
  const usage = await billing.usage({ owner: owner() });
  container.append(element('h3', {}, 'Usage this period'), element('table', { 'data-testid': 'usage' },
    ...usage.map((u) => element('tr', { 'data-meter': u.meter.id },
      element('td', {}, u.meter.displayName),
      element('td', { 'data-testid': 'usage-value' }, String(u.usage)),
      element('td', { 'data-testid': 'usage-amount' }, money(u.amount)),
      element('td', {}, `${day(u.currentPeriodStart)} to ${day(u.currentPeriodEnd)}, as of ${u.asOf.slice(11, 16)} UTC`)))),
  button('Refresh usage', { 'data-testid': 'refresh-usage' }, () => renderUsage(view)));
}

function renderBilling(view) {
  const container = $('billing');
  container.replaceChildren();
  renderAccess(view);
  if (!view.customer) {
    container.append(element('p', {}, 'Nothing bought yet.'));
    return;
  }
  const rows = view.subscriptions.map(subscriptionRow);
  container.append(element('h3', {}, 'Subscriptions'),
    rows.length ? element('table', {}, ...rows) : element('p', {}, 'None.'),
    element('h3', {}, 'Entitlements'), element('p', { 'data-testid': 'entitlements' }, view.entitlements.join(', ') || 'None.'));
  if (view.payments) {
    container.append(element('h3', {}, 'One-time purchases'), view.payments.length
      ? element('table', { 'data-testid': 'purchases' }, ...view.payments.map((p) => element('tr', {},
        element('td', {}, day(p.created)), element('td', {}, purchased(p)), element('td', {}, money(p.amount)),
        element('td', {}, p.status))))
      : element('p', {}, 'None.'));
  }
  if (view.invoices) {
    container.append(element('h3', {}, 'Invoices'), element('table', { 'data-testid': 'invoices' }, ...view.invoices.map((i) =>
      element('tr', {}, element('td', {}, i.hostedInvoiceUrl ? element('a', { href: i.hostedInvoiceUrl }, i.number || i.id)
        : (i.number || i.id)), element('td', {}, i.status), element('td', { 'data-testid': 'invoice-total' }, money(i.total))))));
  }
  if (view.paymentMethods) {
    container.append(element('h3', {}, 'Payment methods'), element('p', {}, view.paymentMethods
      .map((p) => `${p.brand} •••• ${p.last4} (${p.expMonth}/${p.expYear})`).join(', ') || 'None.'));
  }
  if (view.stale) container.append(element('p', { class: 'error' }, 'Showing saved data: Stripe is unreachable.'));
}

function purchased(payment) {
  if (payment.lineItems && payment.lineItems.length) {
    return payment.lineItems.map((line) => `${line.quantity} × ${line.description}`).join(', ');
  }
  return payment.description || 'Payment';
}

async function render(view) {
  current = view;
  renderBilling(view);
  await Promise.all([renderPrices(), renderUsage(view)]);
}

async function load() {
  show(null);
  try {
    showWho(await refreshSession());
    const synced = await billing.syncCheckoutFromUrl();
    history.replaceState(null, '', location.pathname + (owner() === 'organization' ? '?owner=organization' : ''));
    await render(synced || await billing.customer(owner()));
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
