// Real-browser test of the demo: sign in with the Clerk dev instance, buy a plan on the Stripe emulator's hosted
// checkout page, come back to the demo page and see the subscription; then the same for an organization's seats;
// then the usage of the organization's metered add-on, reported by a backend; then a plan's lifecycle: an upgrade
// with its price previewed, cancel and resume, a downgrade at the period end with the emulator's clock moved past
// it, a second subscription refused, and a member refused.
// Needs a running `java -jar demo/target/billing-bridge-demo.jar demo` and Debian's chromium (CHROMIUM to override).
// Run: cd tools/e2e && npm ci && DEMO_APP_KEY=<the bbapp_... key the demo printed> node demo.e2e.mjs
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const DEMO = process.env.DEMO_URL || 'http://127.0.0.1:8080/demo/';
const CLERK = process.env.CLERK_URL || 'http://127.0.0.1:12112';
const STRIPE = process.env.STRIPE_URL || 'http://127.0.0.1:12111';
const API = new URL(DEMO).origin;
// The demo prints an app key for the usage a backend reports; .ci/run passes it on.
const APP_KEY = process.env.DEMO_APP_KEY;
const results = [];

async function scenario(name, run) {
  try {
    await run();
    results.push([name, true]);
    console.log(`ok - ${name}`);
  } catch (error) {
    results.push([name, false]);
    console.log(`not ok - ${name}\n  ${String(error && error.stack || error).split('\n').join('\n  ')}`);
  }
}

async function pay(page) {
  await page.waitForURL(/\/checkout\//, { timeout: 20000 });
  await page.fill('input[name="name"]', 'Demo Buyer');
  await page.fill('input[name="card_number"]', '4242 4242 4242 4242');
  await page.fill('input[name="exp"]', '12 / 34');
  await page.fill('input[name="cvc"]', '123');
  await page.click('button[type="submit"]');
}

async function signIn(context, who) {
  const page = await context.newPage();
  await page.goto(`${CLERK}/?redirect_url=${encodeURIComponent(DEMO)}`);
  await page.click(who);
  await page.waitForURL(DEMO, { timeout: 20000 });
  return page;
}

// Calls the API from the page with the browser client the server serves, as a frontend developer would.
function callFromPage(page, method, options) {
  return page.evaluate(async ([name, args]) => {
    const { createBillingClient } = await import('/client/billing-bridge.js');
    await fetch('http://127.0.0.1:12112/_sandbox/refresh', { method: 'POST', credentials: 'include',
      headers: { 'Content-Type': 'application/json' }, body: '{}' });
    try {
      return { ok: true, value: await createBillingClient()[name](args) };
    } catch (e) {
      return { ok: false, status: e.status, code: e.code, subscription: e.subscription };
    }
  }, [method, options]);
}

async function text(page, selector) {
  return (await page.textContent(selector, { timeout: 20000 })).trim();
}

// Reloads until the page shows what the webhooks brought (the emulator delivers them asynchronously).
async function reloadUntil(page, selector, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.reload();
    await page.waitForSelector('#billing > *', { timeout: 20000 });
    if (await page.$(selector)) return;
    if (Date.now() > deadline) throw new Error(`the page never showed ${selector}`);
    await page.waitForTimeout(500);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
mkdirSync('out', { recursive: true });

await scenario('a user signs in, buys Pro on the hosted checkout and sees it active', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${CLERK}/?redirect_url=${encodeURIComponent(DEMO)}`);
  await page.click('li:has-text("Carol") >> text=personal account');
  await page.waitForURL(DEMO, { timeout: 20000 });
  await page.click('button[data-price="pro_monthly"]');
  await pay(page);
  await page.waitForURL(/\/demo\//, { timeout: 30000 });
  await page.waitForSelector('[data-testid="subscription-status"]:has-text("active")', { timeout: 30000 });
  const entitlements = await page.textContent('[data-testid="entitlements"]');
  if (!entitlements.includes('pro_features')) throw new Error(`entitlements shown: ${entitlements}`);
  await page.screenshot({ path: 'out/user-subscribed.png', fullPage: true });
  await context.close();
});

await scenario('an organization admin buys seats for the organization and a member cannot', async () => {
  const admin = await browser.newContext();
  const page = await admin.newPage();
  await page.goto(`${CLERK}/?redirect_url=${encodeURIComponent(DEMO)}`);
  await page.click('li:has-text("Dave") >> text=Globex (org:admin)');
  await page.waitForURL(DEMO, { timeout: 20000 });
  await page.selectOption('#owner', 'organization');
  await page.click('button[data-price="team_monthly"]');
  await pay(page);
  await page.waitForURL(/\/demo\//, { timeout: 30000 });
  await page.waitForSelector('[data-testid="subscription-status"]:has-text("trialing")', { timeout: 30000 });
  await page.screenshot({ path: 'out/organization-trialing.png', fullPage: true });
  await admin.close();

  const member = await browser.newContext();
  const memberPage = await member.newPage();
  await memberPage.goto(`${CLERK}/?redirect_url=${encodeURIComponent(DEMO)}`);
  await memberPage.click('li:has-text("Bob") >> text=Acme (org:member)');
  await memberPage.waitForURL(DEMO, { timeout: 20000 });
  await memberPage.selectOption('#owner', 'organization');
  await memberPage.click('button[data-price="team_monthly"]');
  await memberPage.waitForSelector('#message.error', { timeout: 20000 });
  const message = await memberPage.textContent('#message');
  if (!message.includes('access_denied')) throw new Error(`member saw: ${message}`);
  await member.close();
});

await scenario('the organization\'s Team plan came with its metered add-on, and usage a backend reports shows', async () => {
  const context = await browser.newContext();
  const page = await signIn(context, 'li:has-text("Dave") >> text=Globex (org:admin)');
  await page.selectOption('#owner', 'organization');
  await page.waitForSelector('[data-testid="subscription-plan"]:has-text("api_requests_monthly (by usage)")',
    { timeout: 30000 });
  const billing = await callFromPage(page, 'customer', 'organization');
  if (!billing.ok) throw new Error(`billing: ${JSON.stringify(billing)}`);
  // The test is the application's backend here: it reports usage to Billing Bridge with the app key the demo
  // printed, never through the browser; the second report of e2e-usage-2 is a duplicate and counts once.
  if (!APP_KEY) throw new Error('set DEMO_APP_KEY to the app key (bbapp_...) the demo printed');
  for (const [value, identifier] of [[3, 'e2e-usage-1'], [4, 'e2e-usage-2'], [4, 'e2e-usage-2']]) {
    const reported = await fetch(`${API}/v1/usage`, { method: 'POST',
      headers: { Authorization: `Bearer ${APP_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ownerType: 'organization', ownerId: 'org_globex', event: 'api_request', value, identifier }) });
    if (reported.status !== 202) throw new Error(`usage report: ${reported.status} ${await reported.text()}`);
  }
  const deadline = Date.now() + 60000;
  for (;;) {
    await page.reload();
    await page.waitForSelector('[data-testid="usage-value"]', { timeout: 20000 });
    if ((await text(page, '[data-testid="usage-value"]')) === '7') break;
    if (Date.now() > deadline) throw new Error('the page never showed the reported usage');
    await page.waitForTimeout(2000);
  }
  const amount = await text(page, '[data-testid="usage-amount"]');
  if (amount !== '0.07 USD') throw new Error(`usage amount: ${amount}`);
  await page.screenshot({ path: 'out/organization-usage.png', fullPage: true });
  await context.close();
});

await scenario('a user upgrades with a preview, cancels and resumes, and downgrades at the period end', async () => {
  const context = await browser.newContext();
  const page = await signIn(context, 'li:has-text("Alice") >> text=personal account');
  // The page fills this in once its session token arrived: wait for the text, not only for the element.
  await page.waitForSelector('[data-testid="who"]:has-text("user_alice")', { timeout: 20000 })
    .catch(() => { throw new Error('the page does not say who is signed in'); });
  await page.click('button[data-price="pro_monthly"]');
  await pay(page);
  await page.waitForURL(/\/demo\//, { timeout: 30000 });
  await page.waitForSelector('[data-testid="current-plan"][data-price="pro_monthly"]', { timeout: 30000 });
  if (await page.$('button[data-price="pro_yearly"]')) throw new Error('Pro yearly is still offered as a second purchase');

  const subscription = await page.getAttribute('tr[data-subscription]', 'data-subscription');
  const second = await callFromPage(page, 'startCheckout', { owner: 'user', price: 'pro_yearly',
    successUrl: DEMO, cancelUrl: DEMO });
  if (second.ok || second.status !== 409 || second.code !== 'already_subscribed' || second.subscription !== subscription) {
    throw new Error(`a second subscription was not refused as expected: ${JSON.stringify(second)}`);
  }

  // Upgrade to yearly: previewed first, then charged exactly the previewed amount.
  await page.click('button[data-change="pro_yearly"]');
  await page.waitForSelector('[data-testid="preview"]:not([hidden])');
  const previewed = await text(page, '[data-testid="preview-amount"]');
  if (!/^\d+\.\d\d USD$/.test(previewed) || previewed === '0.00 USD') throw new Error(`preview amount: ${previewed}`);
  await page.screenshot({ path: 'out/change-preview.png', fullPage: true });
  await page.click('[data-testid="confirm-change"]');
  await page.waitForSelector('[data-testid="current-plan"][data-price="pro_yearly"]', { timeout: 30000 });
  const invoices = await page.$$eval('[data-testid="invoice-total"]', (cells) => cells.map((c) => c.textContent));
  if (!invoices.includes(previewed)) throw new Error(`no invoice of the previewed ${previewed}: ${invoices}`);

  // Cancel at the period end, then take it back.
  await page.click(`button[data-cancel="${subscription}"]`);
  await page.waitForSelector(`button[data-resume="${subscription}"]`, { timeout: 30000 });
  if (!(await text(page, '[data-testid="subscription-notes"]')).includes('cancels on')) throw new Error('cancellation not shown');
  await page.click(`button[data-resume="${subscription}"]`);
  await page.waitForSelector(`button[data-cancel="${subscription}"]`, { timeout: 30000 });

  // Downgrade back to monthly: scheduled for the end of the yearly period, then the clock passes it.
  await page.click('button[data-change="pro_monthly"]');
  await page.waitForSelector('[data-testid="preview"]:not([hidden])');
  await page.click('[data-testid="confirm-change"]');
  await page.waitForSelector('[data-testid="scheduled-change"]', { timeout: 30000 });
  if (!(await text(page, '[data-testid="scheduled-change"]')).includes('pro_monthly')) throw new Error('scheduled change not shown');
  await page.screenshot({ path: 'out/scheduled-downgrade.png', fullPage: true });

  const advanced = await fetch(`${STRIPE}/_sandbox/clock/advance`, { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'days=367' });
  if (!advanced.ok) throw new Error(`clock advance: ${advanced.status}`);
  await reloadUntil(page, '[data-testid="current-plan"][data-price="pro_monthly"]');
  if (await page.$('[data-testid="scheduled-change"]')) throw new Error('the applied change is still shown as scheduled');
  await page.screenshot({ path: 'out/downgraded.png', fullPage: true });
  await context.close();
});

await scenario('an organization member may not change, cancel or preview the organization\'s plan', async () => {
  const context = await browser.newContext();
  const page = await signIn(context, 'li:has-text("Bob") >> text=Acme (org:member)');
  for (const [method, options] of [
    ['previewChange', { owner: 'organization', subscription: 'sub_anything', price: 'team_monthly' }],
    ['cancelSubscription', { owner: 'organization', subscription: 'sub_anything' }],
    ['resumeSubscription', { owner: 'organization', subscription: 'sub_anything' }]]) {
    const answer = await callFromPage(page, method, options);
    if (answer.ok || answer.status !== 403 || answer.code !== 'access_denied') {
      throw new Error(`${method} by a member: ${JSON.stringify(answer)}`);
    }
  }
  await context.close();
});

await browser.close();
const passed = results.filter(([, ok]) => ok).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
