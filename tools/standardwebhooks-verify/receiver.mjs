#!/usr/bin/env node
// A Billing Bridge event receiver in Node, the one the README shows: it verifies each delivery with the
// standardwebhooks package, handles each event once (by its webhook-id) and answers 204 at once.
//
// Usage: WEBHOOK_SECRET=whsec_... PORT=3000 node receiver.mjs   (then POST events to http://127.0.0.1:3000/billing-events)
// Prints "listening on <port>", then one line per delivery: "verified <webhook-id> <type> <owner>" or "rejected <id>".
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const webhook = new Webhook(process.env.WEBHOOK_SECRET);
const handled = new Set(); // keep webhook-ids in your database: deliveries are at least once

// What your application does with each type; see the README for every field.
const handlers = {
  "billing.updated": (data) => {}, // grant or revoke access: data.new.state, data.new.plan, data.new.entitlements
  "checkout.completed": (data) => {}, // fulfil one-time purchases: data.lineItems[].price, .product, .quantity
  "payment.failed": (data) => {}, // tell the customer: data.amountDue, data.hostedInvoiceUrl, data.nextAttempt
  "payment.action_required": (data) => {}, // ask the customer to authenticate at data.hostedInvoiceUrl
  "trial.will_end": (data) => {}, // remind the customer before data.trialEnd
  "usage.rejected": (data) => {}, // usage that was not billed: data.identifier, data.event, data.reason
};

const server = createServer((request, response) => {
  if (request.method !== "POST" || request.url !== "/billing-events") {
    response.writeHead(404).end();
    return;
  }
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8"); // the raw body: verify before parsing
    const id = request.headers["webhook-id"];
    let event;
    try {
      event = webhook.verify(body, request.headers);
    } catch (e) {
      console.log(`rejected ${id}`);
      response.writeHead(400).end();
      return;
    }
    if (!handled.has(id)) {
      handled.add(id);
      handlers[event.type]?.(event.data);
      console.log(`verified ${id} ${event.type} ${event.data.owner.type}:${event.data.owner.id}`);
    }
    response.writeHead(204).end();
  });
});
server.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  console.log(`listening on ${server.address().port}`);
});
