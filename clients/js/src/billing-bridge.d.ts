// Types of the dependency-free client (billing-bridge.js), the same file the server serves at /client/billing-bridge.js.
import type {
  Billing, CheckoutSession, ErrorDetail, MeterUsage, PlanChangePreview, PortalSession, Price,
} from './api-types.js';

export type * from './api-types.js';

/** Whose billing a call concerns: the signed-in user, or the session's active organization. */
export type OwnerType = 'user' | 'organization';

/** A Clerk session token, or null to send none (then the browser's `__session` cookie authenticates). */
export type TokenGetter = () => string | null | undefined | Promise<string | null | undefined>;

export interface BillingClientOptions {
  /** Where Billing Bridge serves, e.g. `https://billing.example.com` (default: this page's origin). */
  baseUrl?: string;
  /** The Clerk session token, e.g. Clerk's `useAuth().getToken`; omit to use the cookie. */
  getToken?: TokenGetter;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
}

export interface CheckoutOptions {
  /** Default `'user'`. */
  owner?: OwnerType;
  /** A price id (`price_...`) or a lookup key. */
  price: string;
  /** Seats, for prices sold per seat. */
  quantity?: number;
  /** A promotion code the customer typed (e.g. `LAUNCH20`); refused with `promotion_code_invalid` when not valid. */
  promotionCode?: string;
  /**
   * Metered add-ons to buy with the price (ids or lookup keys), each one the price allows (else `add_on_not_allowed`);
   * left out, every add-on the price allows is added. Metered prices take no quantity.
   */
  addOns?: string[];
  /** Default: this page with `?session_id={CHECKOUT_SESSION_ID}`, which `syncCheckoutFromUrl` reads on return. */
  successUrl?: string;
  /** Default: this page. */
  cancelUrl?: string;
}

export interface PortalOptions {
  /** Default `'user'`. */
  owner?: OwnerType;
  /** Default: this page. */
  returnUrl?: string;
  /** Open the portal on one step instead of its home page. */
  flow?: 'payment_method_update' | 'subscription_cancel' | 'subscription_update';
  /** The subscription the `subscription_cancel` and `subscription_update` flows act on. */
  subscription?: string;
}

/** Names one of the owner's subscriptions (`sub_...`, from `Billing.subscriptions`). */
export interface SubscriptionOptions {
  /** Default `'user'`. */
  owner?: OwnerType;
  subscription: string;
}

export interface PlanChangeOptions extends SubscriptionOptions {
  /** The price to change to: a price id or a lookup key, of the same owner type. */
  price: string;
  /** Seats, for prices sold per seat. */
  quantity?: number;
  /** `now` (prorated) or `period_end`; left out, the server's configured policy for the direction decides. */
  when?: 'now' | 'period_end';
}

export interface ApplyPlanChangeOptions extends PlanChangeOptions {
  /** The preview's `prorationDate`, so the change is charged exactly what the preview showed. */
  prorationDate?: string;
}

export interface CancelOptions extends SubscriptionOptions {
  /** Default `'period_end'`: access lasts until the period ends and the cancellation can be taken back. */
  at?: 'period_end' | 'now';
  /** Why, in the customer's words (kept with the subscription in Stripe). */
  reason?: string;
}

export interface UsageOptions {
  /** Default `'user'`. */
  owner?: OwnerType;
  /** Only this meter (`mtr_...`). */
  meter?: string;
}

export interface BillingClient {
  /** Purchasable prices for the owner type (default `'user'`). */
  prices(owner?: OwnerType): Promise<Price[]>;
  /** Subscriptions and entitlements, plus invoices, payments and payment methods when the caller may see them. */
  customer(owner?: OwnerType): Promise<Billing>;
  /** Usage so far in the current period, per metered item of the owner's live subscriptions (kept 30 s by the server). */
  usage(options?: UsageOptions): Promise<MeterUsage[]>;
  /** Starts a Stripe Checkout Session. */
  startCheckout(options: CheckoutOptions): Promise<CheckoutSession>;
  /** Starts a checkout and sends the browser to Stripe's page. */
  redirectToCheckout(options: CheckoutOptions): Promise<CheckoutSession>;
  /** Opens a Stripe Billing Portal Session. */
  openPortal(options?: PortalOptions): Promise<PortalSession>;
  /** Opens the billing portal and sends the browser there. */
  redirectToPortal(options?: PortalOptions): Promise<PortalSession>;
  /** What a plan change would cost and when it would take effect. */
  previewChange(options: PlanChangeOptions): Promise<PlanChangePreview>;
  /** Changes the plan; resolves to the owner's billing, synced from Stripe. */
  changePlan(options: ApplyPlanChangeOptions): Promise<Billing>;
  /** Withdraws a change scheduled for the period end; resolves to the owner's fresh billing. */
  withdrawScheduledChange(options: SubscriptionOptions): Promise<Billing>;
  /** Cancels at the period end (default) or now; resolves to the owner's fresh billing. */
  cancelSubscription(options: CancelOptions): Promise<Billing>;
  /** Takes back a cancellation at the period end, or resumes a paused subscription; resolves to the fresh billing. */
  resumeSubscription(options: SubscriptionOptions): Promise<Billing>;
  /** After checkout: syncs the checkout's owner from Stripe now (no waiting for the webhook) and returns its billing. */
  syncCheckout(sessionId: string): Promise<Billing>;
  /** On the success page: syncs the checkout named in the URL (default parameter `session_id`), else resolves to null. */
  syncCheckoutFromUrl(param?: string): Promise<Billing | null>;
}

/** Creates a client. */
export function createBillingClient(options?: BillingClientOptions): BillingClient;

/** An error answered by Billing Bridge (or a reply that was not one: then `type` is `api_error`, `code` `unknown`). */
export class BillingBridgeError extends Error {
  constructor(status: number, error: Partial<ErrorDetail>, requestId: string | null, retryAfter?: number);
  readonly name: 'BillingBridgeError';
  /** The HTTP status: 401 when the session is missing or expired, 429 when rate limited, and so on. */
  readonly status: number;
  readonly type: ErrorDetail['type'];
  /** A stable, machine-readable code, e.g. `authentication_required`. */
  readonly code: string;
  /** The `Request-Id` header, to quote to support. */
  readonly requestId: string | null;
  /** Seconds from the `Retry-After` header (429 and 503), else undefined. */
  readonly retryAfter: number | undefined;
  /** With `already_subscribed` (409): the owner's live subscription to change instead of buying again. */
  readonly subscription: string | undefined;
}
