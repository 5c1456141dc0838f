// Generates Clerk session-token and Svix webhook test vectors for adapters-clerk, signed by Clerk's and
// Svix's own libraries, with throwaway keys made on every run. Clerk's own verifier and claims parser
// record their verdicts next to each token, so the Java tests compare against Clerk, not against us.
//
//   cd tools/vectors && npm ci && npm run generate
//
// writes ../../adapters-clerk/src/test/resources/vectors/{clerk-tokens,svix-webhooks}.json.
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signJwt, verifyJwt } from '@clerk/backend/jwt';
import { __experimental_JWTPayloadToAuthObjectProperties as parseClaims } from '@clerk/shared/jwtPayloadParser';
import { Webhook } from 'svix';

const outDir = process.argv[2] ?? '../../adapters-clerk/src/test/resources/vectors';
const now = Math.floor(Date.now() / 1000);
const issuer = 'https://clerk.vectors.example';
const authorizedParties = ['https://app.vectors.example'];
const azp = authorizedParties[0];

function rsaKey() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    jwk: publicKey.export({ format: 'jwk' }),
  };
}

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

const primary = rsaKey();
const other = rsaKey();
const kid = 'ins_vectors_primary';
const otherKid = 'ins_vectors_other';

function base(extra = {}) {
  return {
    azp, exp: now + 60, iss: issuer, nbf: now - 10, sid: 'sess_vectors_1', sub: 'user_vectors_1', ...extra,
  };
}

const v1Org = {
  org_id: 'org_vectors_1', org_slug: 'vectors', org_role: 'org:admin',
  org_permissions: ['org:billing:manage', 'org:billing:read'],
};
const v2Org = {
  v: 2, fea: 'o:dashboard,u:profile,ou:teams,o:reports', pla: 'o:pro',
  o: { id: 'org_vectors_2', slg: 'vectors-two', rol: 'admin', per: 'manage,read,write', fpm: '3,2,5' },
};

async function clerkSigned(payload, { key = primary.privatePem, algorithm = 'RS256', header } = {}) {
  return signJwt({ ...payload }, key, { algorithm, header: header ?? { typ: 'JWT', kid } });
}

function tamper(token) {
  const [h, p, s] = token.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  claims.sub = 'user_attacker';
  return [h, b64url(claims), s].join('.');
}

function hmacToken(payload, secret) {
  const head = b64url({ alg: 'HS256', typ: 'JWT', kid });
  const body = b64url({ ...payload, iat: now });
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

function unsignedToken(payload) {
  return `${b64url({ alg: 'none', typ: 'JWT', kid })}.${b64url({ ...payload, iat: now })}.`;
}

/** Clerk's verdict: its verifyJwt with the primary key, our authorized parties and issuer, then its parser. */
async function clerkVerdict(token) {
  try {
    const payload = await verifyJwt(token, { key: primary.publicPem, authorizedParties, issuer });
    const auth = parseClaims(payload);
    return {
      accepted: true,
      principal: {
        userId: auth.userId, sessionId: auth.sessionId, sessionStatus: auth.sessionStatus ?? null,
        organizationId: auth.orgId ?? null, organizationRole: auth.orgRole ?? null,
        organizationPermissions: auth.orgPermissions ?? [],
      },
    };
  } catch (e) {
    return { accepted: false, clerkReason: e.reason ?? e.message };
  }
}

const cases = [
  ['v1-personal', 'accept', null, () => clerkSigned(base())],
  ['v1-organization', 'accept', null, () => clerkSigned(base(v1Org))],
  ['v2-personal', 'accept', null, () => clerkSigned(base({ v: 2, fea: 'u:profile' }))],
  ['v2-organization-fpm', 'accept', null, () => clerkSigned(base(v2Org))],
  ['v2-member-no-permissions', 'accept', null, () => clerkSigned(base({ v: 2, o: { id: 'org_vectors_2', slg: 'vectors-two', rol: 'member' } }))],
  ['rs384', 'accept', null, () => clerkSigned(base(v1Org), { algorithm: 'RS384', header: { typ: 'JWT', kid, alg: 'RS384' } })],
  ['rs512', 'accept', null, () => clerkSigned(base(v2Org), { algorithm: 'RS512', header: { typ: 'JWT', kid, alg: 'RS512' } })],
  ['no-typ-header', 'accept', null, () => clerkSigned(base(), { header: { kid } })],
  ['tampered-payload', 'reject', 'SIGNATURE', async () => tamper(await clerkSigned(base(v1Org)))],
  ['signed-by-other-key', 'reject', 'SIGNATURE', () => clerkSigned(base(), { key: other.privatePem })],
  ['expired', 'reject', 'EXPIRATION', () => clerkSigned(base({ exp: now - 120, nbf: now - 200 }))],
  ['not-yet-valid', 'reject', 'NOT_BEFORE', () => clerkSigned(base({ nbf: now + 120, exp: now + 300 }))],
  ['wrong-azp', 'reject', 'AUTHORIZED_PARTY', () => clerkSigned(base({ azp: 'https://evil.example' }))],
  ['missing-azp', 'reject', 'AUTHORIZED_PARTY', () => { const p = base(); delete p.azp; return clerkSigned(p); }],
  ['wrong-issuer', 'reject', 'ISSUER', () => clerkSigned(base({ iss: 'https://clerk.other.example' }))],
  ['missing-exp', 'reject', 'EXPIRATION', () => { const p = base(); delete p.exp; return clerkSigned(p); }],
  ['numeric-sub', 'reject', 'SUBJECT', () => clerkSigned(base({ sub: 42 }))],
  ['wrong-typ', 'reject', 'TYPE', () => clerkSigned(base(), { header: { typ: 'at+jwt', kid } })],
  ['alg-none', 'reject', 'ALGORITHM', async () => unsignedToken(base())],
  ['alg-hs256-public-key-as-secret', 'reject', 'ALGORITHM', async () => hmacToken(base(), primary.publicPem)],
  ['pending-session', 'reject', 'SESSION_STATUS', () => clerkSigned(base({ v: 2, sts: 'pending' }))],
];

const tokens = [];
for (const [name, expect, reason, make] of cases) {
  const token = await make();
  tokens.push({ name, expect, reason, token, clerk: await clerkVerdict(token) });
}

const tokenVectors = {
  description: 'Clerk session tokens signed by @clerk/backend signJwt; "clerk" is what @clerk/backend verifyJwt '
    + 'and @clerk/shared jwtPayloadParser said at generation time (they do not check sts; we reject pending).',
  generatedAt: now,
  issuer,
  authorizedParties,
  keys: {
    primary: { kid, publicKeyPem: primary.publicPem, jwks: { keys: [{ ...primary.jwk, kid, use: 'sig', alg: 'RS256' }] } },
    other: { kid: otherKid, publicKeyPem: other.publicPem },
  },
  tokens,
};

// ---- Svix webhooks ----
const secret = `whsec_${randomBytes(24).toString('base64')}`;
const wrongSecret = `whsec_${randomBytes(24).toString('base64')}`;
const webhook = new Webhook(secret);

const user = {
  object: 'user', id: 'user_vectors_1', first_name: 'Vera', last_name: 'Vector', username: null,
  primary_email_address_id: 'idn_vectors_2',
  email_addresses: [
    { object: 'email_address', id: 'idn_vectors_1', email_address: 'old@vectors.example', verification: { status: 'verified' } },
    { object: 'email_address', id: 'idn_vectors_2', email_address: 'vera@vectors.example', verification: { status: 'verified' } },
  ],
  public_metadata: { plan: 'pro', seats: 3 }, private_metadata: { secret: true }, unsafe_metadata: {},
  external_id: null, created_at: now * 1000, updated_at: now * 1000,
};
const organization = {
  object: 'organization', id: 'org_vectors_1', name: 'Vectors Inc', slug: 'vectors',
  public_metadata: { tier: 'gold' }, private_metadata: {}, max_allowed_memberships: 5,
  created_at: now * 1000, updated_at: now * 1000,
};
const membership = {
  object: 'organization_membership', id: 'orgmem_vectors_1', role: 'org:admin',
  permissions: ['org:billing:manage', 'org:sys_memberships:read'], public_metadata: {}, private_metadata: {},
  organization,
  public_user_data: { user_id: 'user_vectors_1', first_name: 'Vera', last_name: 'Vector', identifier: 'vera@vectors.example' },
  created_at: now * 1000, updated_at: now * 1000,
};
const envelope = (type, data) => JSON.stringify({ data, object: 'event', type, timestamp: now * 1000, instance_id: 'ins_vectors' });

const events = [
  ['user.created', user],
  ['user.updated', { ...user, first_name: 'Veronica' }],
  ['user.deleted', { object: 'user', id: 'user_vectors_1', deleted: true }],
  ['organization.created', organization],
  ['organization.updated', { ...organization, name: 'Vectors Incorporated' }],
  ['organization.deleted', { object: 'organization', id: 'org_vectors_1', slug: 'vectors', deleted: true }],
  ['organizationMembership.created', membership],
  ['organizationMembership.updated', { ...membership, role: 'org:member' }],
  ['organizationMembership.deleted', membership],
  ['session.created', { object: 'session', id: 'sess_vectors_1', user_id: 'user_vectors_1' }],
];

function signed(name, type, body, { date = new Date(now * 1000), signer = webhook, prefix = 'svix', extraSignatures = '' } = {}) {
  const id = `msg_vectors_${name.replace(/[^a-z0-9]/gi, '_')}`;
  const signature = signer.sign(id, date, body);
  return {
    headers: {
      [`${prefix}-id`]: id,
      [`${prefix}-timestamp`]: String(Math.floor(date.getTime() / 1000)),
      [`${prefix}-signature`]: extraSignatures ? `${extraSignatures} ${signature}` : signature,
    },
  };
}

function svixVerdict(body, headers) {
  const svixHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.replace(/^webhook-/, 'svix-'), v]));
  try {
    webhook.verify(body, svixHeaders);
    return true;
  } catch {
    return false;
  }
}

const deliveries = [];
function add(name, expect, type, body, options) {
  const { headers } = signed(name, type, body, options);
  deliveries.push({ name, expect, type, headers, body, svixAccepted: svixVerdict(body, headers) });
}

for (const [type, data] of events) {
  add(type, 'accept', type, envelope(type, data));
}
const createdBody = envelope('user.created', user);
add('webhook-prefixed-headers', 'accept', 'user.created', createdBody, { prefix: 'webhook' });
add('several-signatures-one-valid', 'accept', 'user.created', createdBody,
  { extraSignatures: `v1,${randomBytes(32).toString('base64')} v2,${randomBytes(32).toString('base64')}` });
add('timestamp-4-minutes-old', 'accept', 'user.created', createdBody, { date: new Date((now - 240) * 1000) });
{
  const { headers } = signed('tampered-body', 'user.created', createdBody);
  const body = createdBody.replace('Vera', 'Mallory');
  deliveries.push({ name: 'tampered-body', expect: 'reject', type: 'user.created', headers, body, svixAccepted: svixVerdict(body, headers) });
}
add('wrong-secret', 'reject', 'user.created', createdBody, { signer: new Webhook(wrongSecret) });
add('timestamp-too-old', 'reject', 'user.created', createdBody, { date: new Date((now - 600) * 1000) });
add('timestamp-too-new', 'reject', 'user.created', createdBody, { date: new Date((now + 600) * 1000) });
{
  const { headers } = signed('non-v1-only', 'user.created', createdBody);
  const sig = headers['svix-signature'].slice(3);
  headers['svix-signature'] = `v2,${sig}`;
  deliveries.push({ name: 'non-v1-only', expect: 'reject', type: 'user.created', headers, body: createdBody, svixAccepted: svixVerdict(createdBody, headers) });
}

const webhookVectors = {
  description: 'Clerk webhooks signed by the svix npm package (Webhook.sign); svixAccepted is what Webhook.verify '
    + 'said at generation time.',
  generatedAt: now,
  secret,
  deliveries,
};

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'clerk-tokens.json'), `${JSON.stringify(tokenVectors, null, 2)}\n`);
writeFileSync(join(outDir, 'svix-webhooks.json'), `${JSON.stringify(webhookVectors, null, 2)}\n`);
console.log(`wrote ${tokens.length} tokens and ${deliveries.length} webhooks to ${outDir} (generatedAt ${now})`);
for (const t of tokens) {
  const agrees = (t.expect === 'accept') === t.clerk.accepted;
  if (!agrees && t.reason !== 'SESSION_STATUS') console.warn(`note: Clerk ${t.clerk.accepted ? 'accepts' : 'rejects'} ${t.name}`);
}
for (const d of deliveries) {
  if ((d.expect === 'accept') !== d.svixAccepted) console.warn(`note: Svix ${d.svixAccepted ? 'accepts' : 'rejects'} ${d.name}`);
}
