// Generated from docs/openapi.json by scripts/generate-api-types.mjs; do not edit (npm run generate-types).
// Each interface is a component schema of the /v1/billing operations: a field is required unless marked `?`,
// and `| null` where the server may send null.

export interface Access {
  action?: AccessAction;
  graceEndsAt?: string;
  plan?: string;
  state: "active" | "trialing" | "grace" | "locked" | "none";
}

export interface AccessAction {
  type?: "update_payment_method" | "pay_invoice";
  url?: string;
}

export interface Billing {
  access?: Access;
  customer: string | null;
  entitlements: string[];
  invoices?: Invoice[];
  owner: Owner;
  paymentMethods?: PaymentMethod[];
  payments?: Payment[];
  stale: boolean;
  subscriptions: Subscription[];
  syncedAt: string | null;
}

export interface CancelBody {
  at: "period_end" | "now";
  organizationId?: string;
  owner?: string;
  reason?: string;
}

export interface CheckoutBody {
  /** The metered add-ons (price ids or lookup keys) to buy with the price, each one the price allows (else 400 add_on_not_allowed); when absent, every add-on the price allows is added. Metered prices take no quantity. */
  addOns?: string[];
  cancelUrl?: string;
  organizationId?: string;
  owner?: string;
  price?: string;
  /** A promotion code the buyer typed (such as WELCOME20); refused with 400 promotion_code_invalid when it does not exist, is inactive or expired, or is not for this customer. */
  promotionCode?: string;
  quantity?: number;
  successUrl?: string;
}

export interface CheckoutSession {
  id: string;
  url: string | null;
}

export interface ErrorBody {
  error: ErrorDetail;
}

export interface ErrorDetail {
  code: string;
  message: string;
  /** Only on 409 already_subscribed: the caller's own subscription (sub_...) in the same product group, to change instead of buying a second one. */
  subscription?: string;
  type: "invalid_request_error" | "authentication_error" | "permission_error" | "rate_limit_error" | "api_error" | "card_error";
}

export interface Invoice {
  amountPaid: Money;
  created: string;
  hostedInvoiceUrl: string | null;
  id: string;
  number: string | null;
  status: string;
  subscription: string | null;
  total: Money;
}

export interface LatestInvoice {
  amountDue: Money;
  hostedInvoiceUrl?: string;
  id: string;
  invoicePdf?: string;
  status: string;
}

export interface LineItem {
  amount: Money;
  description: string;
  quantity: number;
}

export interface Meter {
  displayName?: string;
  eventName?: string;
  id?: string;
}

export interface MeterUsage {
  amount: Money | null;
  asOf: string;
  currentPeriodEnd: string;
  currentPeriodStart: string;
  meter: Meter;
  price: MeteredPrice;
  subscription: string;
  usage: number;
}

export interface MeterUsageList {
  data: MeterUsage[];
  object: "list";
}

export interface MeteredPrice {
  id?: string;
  lookupKey?: string;
  unitAmount?: Money;
}

export interface Money {
  amount: number;
  currency: string;
}

export interface Owner {
  id: string;
  type: "user" | "organization";
}

export interface PauseCollection {
  behavior: "keep_as_draft" | "mark_uncollectible" | "void";
  resumesAt?: string;
}

export interface Payment {
  amount: Money;
  created: string;
  description: string | null;
  id: string;
  lineItems: LineItem[];
  status: string;
}

export interface PaymentMethod {
  brand: string | null;
  default: boolean;
  expMonth: number | null;
  expYear: number | null;
  id: string;
  last4: string | null;
  type: string;
}

export interface PlanChangeBody {
  organizationId?: string;
  owner?: string;
  price?: string;
  prorationDate?: string;
  quantity?: number;
  when?: "now" | "period_end";
}

export interface PlanChangeLine {
  amount: Money;
  description: string;
  periodEnd: string;
  periodStart: string;
}

export interface PlanChangePreview {
  amountDue: Money;
  effectiveAt: string;
  lines: PlanChangeLine[];
  price: string;
  prorationDate?: string;
  quantity: number;
  subscription: string;
  when: "now" | "period_end";
}

export interface PortalBody {
  flow?: "payment_method_update" | "subscription_cancel" | "subscription_update";
  organizationId?: string;
  owner?: string;
  returnUrl?: string;
  subscription?: string;
}

export interface PortalSession {
  id: string;
  url: string;
}

export interface Price {
  currency: string;
  id: string;
  lookupKey: string | null;
  product: Product;
  recurring: Recurring | null;
  type: "recurring" | "one_time";
  unitAmount: number | null;
}

export interface PriceList {
  data: Price[];
  object: "list";
}

export interface Product {
  id: string;
  name: string;
}

export interface Recurring {
  interval: string;
  intervalCount: number;
  meter: string | null;
  usageType: "licensed" | "metered";
}

export interface ResumeBody {
  organizationId?: string;
  owner?: string;
}

export interface ScheduledChange {
  effectiveAt: string;
  lookupKey?: string;
  price: string;
  productName: string;
  quantity: number;
}

export interface Subscription {
  cancelAt?: string;
  cancelAtPeriodEnd: boolean;
  canceledAt: string | null;
  created: string;
  currentPeriodEnd?: string;
  currentPeriodStart?: string;
  id: string;
  items: SubscriptionItem[];
  latestInvoice?: LatestInvoice;
  pauseCollection?: PauseCollection;
  scheduledChange?: ScheduledChange;
  status: string;
  trialEnd: string | null;
}

export interface SubscriptionItem {
  currentPeriodEnd: string | null;
  currentPeriodStart: string | null;
  id: string;
  interval: string | null;
  lookupKey: string | null;
  meter: string | null;
  price: string;
  product: Product;
  quantity: number;
  unitAmount: Money | null;
}
