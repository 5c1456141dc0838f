// Real-browser test of the demo: sign in with the Clerk dev instance, buy a plan on the Stripe emulator's hosted
// checkout page, come back to the demo page and see the subscription; then the same for an organization's seats.
// Needs a running `java -jar demo/target/billing-bridge-demo.jar demo` and Debian's chromium (CHROMIUM to override).
// Run: cd tools/e2e && npm ci && node demo.e2e.mjs
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const DEMO = process.env.DEMO_URL || 'http://127.0.0.1:8080/demo/';
const CLERK = process.env.CLERK_URL || 'http://127.0.0.1:12112';
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

await browser.close();
const passed = results.filter(([, ok]) => ok).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
