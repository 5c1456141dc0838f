// Generated from docs/openapi.json by scripts/generate-api-types.mjs; do not edit (npm run generate-types).
// Each interface is a component schema of the /v1/billing operations: a field is required unless marked `?`,
// and `| null` where the server may send null.

export interface Billing {
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

export interface CheckoutBody {
  cancelUrl?: string;
  organizationId?: string;
  owner?: string;
  price?: string;
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
  type: "invalid_request_error" | "authentication_error" | "permission_error" | "rate_limit_error" | "api_error";
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

export interface Money {
  amount: number;
  currency: string;
}

export interface Owner {
  id: string;
  type: "user" | "organization";
}

export interface Payment {
  amount: Money;
  created: string;
  description: string | null;
  id: string;
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

export interface PortalBody {
  organizationId?: string;
  owner?: string;
  returnUrl?: string;
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
}

export interface Subscription {
  cancelAtPeriodEnd: boolean;
  canceledAt: string | null;
  created: string;
  id: string;
  items: SubscriptionItem[];
  status: string;
  trialEnd: string | null;
}

export interface SubscriptionItem {
  currentPeriodEnd: string | null;
  currentPeriodStart: string | null;
  id: string;
  interval: string | null;
  lookupKey: string | null;
  price: string;
  product: Product;
  quantity: number;
  unitAmount: Money | null;
}
