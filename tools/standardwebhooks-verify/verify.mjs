#!/usr/bin/env node
// Verifies recorded Billing Bridge event deliveries with the standardwebhooks reference library, so the Java signer
// is checked by an implementation it shares no code with.
//
// Usage: WEBHOOK_SECRET=whsec_... node verify.mjs [deliveries.json]   (reads stdin without a file)
// Input: a JSON array of {"headers": {"webhook-id": ..., "webhook-timestamp": ..., "webhook-signature": ...},
// "body": "<the raw request body>"}. Prints one line per delivery; exits 1 when any fails, 2 on bad input.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error("WEBHOOK_SECRET is not set (the endpoint's whsec_... secret)");
  process.exit(2);
}
let deliveries;
try {
  deliveries = JSON.parse(readFileSync(process.argv[2] ?? 0, "utf8"));
} catch (e) {
  console.error(`cannot read the deliveries: ${e.message}`);
  process.exit(2);
}
if (!Array.isArray(deliveries) || deliveries.length === 0) {
  console.error("expected a non-empty JSON array of deliveries");
  process.exit(2);
}

const webhook = new Webhook(secret);
let failed = 0;
for (const delivery of deliveries) {
  const id = delivery.headers?.["webhook-id"];
  try {
    const event = webhook.verify(delivery.body, delivery.headers);
    console.log(`verified ${id} ${event.type}`);
  } catch (e) {
    failed++;
    console.log(`FAILED ${id}: ${e.message}`);
  }
}
console.log(`${deliveries.length - failed} of ${deliveries.length} deliveries verified`);
process.exit(failed === 0 ? 0 : 1);
