#!/usr/bin/env python3
"""A Billing Bridge event receiver in Python with the standard library only, the one the README shows: it checks
each delivery's Standard Webhooks signature with hmac, handles each event once (by its webhook-id), answers 204.

Usage: WEBHOOK_SECRET=whsec_... PORT=3000 python3 receiver.py   (then POST events to http://127.0.0.1:3000/billing-events)
Prints "listening on <port>", then one line per delivery: "verified <webhook-id> <type> <owner>" or "rejected <id>".
"""
import base64
import hashlib
import hmac
import json
import os
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY = base64.b64decode(os.environ["WEBHOOK_SECRET"].removeprefix("whsec_"))
TOLERANCE_SECONDS = 5 * 60
handled = set()  # keep webhook-ids in your database: deliveries are at least once


def verify(headers, body):
    """The event, when the signature is one of ours and recent; raises ValueError otherwise."""
    msg_id, timestamp = headers["webhook-id"], headers["webhook-timestamp"]
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        raise ValueError("timestamp too old or too new")
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
    for signature in headers["webhook-signature"].split(" "):
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return json.loads(body)
    raise ValueError("no matching signature")


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path != "/billing-events":
            self.send_response(404)
            self.end_headers()
            return
        body = self.rfile.read(int(self.headers.get("content-length", 0)))  # the raw body: verify before parsing
        msg_id = self.headers.get("webhook-id")
        try:
            event = verify(self.headers, body)
        except (KeyError, ValueError):
            print(f"rejected {msg_id}", flush=True)
            self.send_response(400)
            self.end_headers()
            return
        if msg_id not in handled:
            handled.add(msg_id)
            owner = event["data"]["owner"]
            # event["type"]: billing.updated, checkout.completed, payment.failed, payment.action_required,
            # trial.will_end or usage.rejected; event["data"] as the README describes
            print(f"verified {msg_id} {event['type']} {owner['type']}:{owner['id']}", flush=True)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "3000"))), Receiver)
print(f"listening on {server.server_address[1]}", flush=True)
server.serve_forever()
