// Types of the React entry point (react.js).
import type { ReactNode } from 'react';
import type {
  ApplyPlanChangeOptions, Billing, BillingBridgeError, BillingClient, CancelOptions, CheckoutOptions,
  CheckoutSession, MeterUsage, OwnerType, PlanChangeOptions, PlanChangePreview, PortalOptions, PortalSession, Price,
  SubscriptionOptions, TokenGetter, UsageOptions,
} from './billing-bridge.js';

/** Subscription statuses that grant a plan: active, trialing, or past due (grace). */
export const LIVE_STATUSES: readonly ['active', 'trialing', 'past_due'];

export interface BillingProviderProps {
  /** The Clerk session token getter, e.g. `useAuth().getToken`; omit to authenticate with the `__session` cookie. */
  getToken?: TokenGetter;
  /** Where Billing Bridge serves (default: this page's origin). */
  baseUrl?: string;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
  /** A client to use instead of one built from `baseUrl`, `getToken` and `fetch`. */
  client?: BillingClient;
  /** Clerk's `useAuth().userId`: billing is fetched again when it changes. */
  userId?: string | null;
  /** Clerk's `useAuth().orgId`, the active organization: billing is fetched again when it changes. */
  orgId?: string | null;
  /** The hooks' default owner; default `'organization'` while `orgId` is set, else `'user'`. */
  owner?: OwnerType;
  /** Runs on every 401 answer, e.g. to ask the user to sign in again. */
  onUnauthenticated?: (error: BillingBridgeError) => void;
  /** The URL parameter that names the checkout the page returned from; default `session_id`. */
  checkoutParam?: string;
  children?: ReactNode;
}

export function BillingProvider(props: BillingProviderProps): ReactNode;

/** What a failed request rejects with: a `BillingBridgeError`, or the fetch's own error (network down). */
export type BillingFailure = BillingBridgeError | NetworkFailure;

/** The fetch's own error: no answer came, so none of the answer's fields. */
export interface NetworkFailure extends Error {
  status?: undefined;
  code?: undefined;
  requestId?: undefined;
  retryAfter?: undefined;
}

export interface Resource<T> {
  /** The last answer for this owner in this session; undefined until the first one. */
  data: T | undefined;
  /** True while a request is under way (also while refreshing, when `data` still holds the previous answer). */
  loading: boolean;
  /** The last request's failure, or null. */
  error: BillingFailure | null;
  /** Fetches again; resolves when the answer (or failure) is in. */
  refresh(): Promise<void>;
}

export function useBillingClient(): BillingClient;
export function useBilling(owner?: OwnerType): Resource<Billing>;
export function usePrices(owner?: OwnerType): Resource<Price[]>;
/** Usage so far in the current period per metered item (owner: the provider's, unless given); `meter` keeps one. */
export function useUsage(options?: UsageOptions): Resource<MeterUsage[]>;

export interface CheckoutReturn {
  /** The `session_id` the page was opened with, or null. */
  sessionId: string | null;
  status: 'none' | 'syncing' | 'synced' | 'failed';
  error: BillingFailure | null;
}

export interface CheckoutAction {
  /** Sends the browser to Stripe Checkout (owner: the provider's, unless given); undefined if it failed. */
  start(options: CheckoutOptions): Promise<CheckoutSession | undefined>;
  loading: boolean;
  error: BillingFailure | null;
  /** The checkout this page returned from, if any. */
  returned: CheckoutReturn;
}

export interface PortalAction {
  /** Sends the browser to the Stripe billing portal; undefined if it failed. */
  open(options?: PortalOptions): Promise<PortalSession | undefined>;
  loading: boolean;
  error: BillingFailure | null;
}

export function useCheckout(): CheckoutAction;
export function usePortal(): PortalAction;

/** The options of a subscription action; `owner` defaults to the provider's. */
type OwnerOptional<T extends { owner?: OwnerType }> = Omit<T, 'owner'> & { owner?: OwnerType };

export interface SubscriptionActions {
  /** What a plan change would cost; undefined if the request failed. */
  preview(options: OwnerOptional<PlanChangeOptions>): Promise<PlanChangePreview | undefined>;
  /** Changes the plan; the owner's `useBilling` shows the answer at once. */
  change(options: OwnerOptional<ApplyPlanChangeOptions>): Promise<Billing | undefined>;
  /** Withdraws a change scheduled for the period end. */
  withdrawScheduledChange(options: OwnerOptional<SubscriptionOptions>): Promise<Billing | undefined>;
  /** Cancels at the period end (default) or now. */
  cancel(options: OwnerOptional<CancelOptions>): Promise<Billing | undefined>;
  /** Takes back a cancellation at the period end, or resumes a paused subscription. */
  resume(options: OwnerOptional<SubscriptionOptions>): Promise<Billing | undefined>;
  /** True while a request is under way. */
  loading: boolean;
  /** The last request's failure, or null. */
  error: BillingFailure | null;
}

export function useSubscriptionActions(): SubscriptionActions;

export interface Gate {
  /** True until the owner's billing is known (first load, or after a session change). */
  loading: boolean;
  error: BillingFailure | null;
}

export function useEntitlement(feature: string, owner?: OwnerType): Gate & { allowed: boolean };
export function usePlan(is: string | readonly string[], owner?: OwnerType): Gate & { active: boolean };

export interface GateProps {
  owner?: OwnerType;
  /** Rendered when the owner lacks it, or when billing could not be loaded. Default nothing. */
  fallback?: ReactNode;
  /** Rendered until billing is known. Default nothing. */
  loading?: ReactNode;
  children?: ReactNode;
}

export function Entitlement(props: GateProps & { feature: string }): ReactNode;
export function Plan(props: GateProps & { is: string | readonly string[] }): ReactNode;

export function hasEntitlement(billing: Billing, feature: string): boolean;
export function hasPlan(billing: Billing, is: string | readonly string[]): boolean;
