import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OPENAPI, OUTPUT, billingSchemaNames, generate } from '../scripts/generate-api-types.mjs';
import { SCHEMAS } from './fixtures.mjs';

const document = JSON.parse(readFileSync(OPENAPI, 'utf8'));

test('src/api-types.d.ts is what docs/openapi.json generates (run `npm run generate-types` after an API change)', () => {
  assert.equal(readFileSync(OUTPUT, 'utf8'), generate(document));
});

test('a field added to a billing response schema changes the generated declarations', () => {
  const changed = structuredClone(document);
  changed.components.schemas.Billing.properties.plan = { type: 'string' };
  changed.components.schemas.Billing.required.push('plan');
  assert.notEqual(generate(changed), generate(document));
  assert.match(generate(changed), /export interface Billing \{[^}]*\n {2}plan: string;/);
});

test('the declarations cover every schema the /v1/billing operations answer with, errors included', () => {
  const names = billingSchemaNames(document);
  for (const name of ['Billing', 'PriceList', 'Price', 'CheckoutSession', 'PortalSession', 'ErrorBody', 'ErrorDetail',
    'Subscription', 'SubscriptionItem', 'Invoice', 'Payment', 'PaymentMethod', 'Money', 'Owner', 'Product']) {
    assert.ok(names.includes(name), `${name} is missing`);
  }
  assert.ok(!names.includes('AdminMe'), 'admin schemas are not the browser client\'s');
});

test('the optional fields of a schema are declared optional, nullable ones with | null', () => {
  const text = generate(document);
  assert.match(text, /\n {2}invoices\?: Invoice\[\];/);
  assert.match(text, /\n {2}customer: string \| null;/);
  assert.match(text, /\n {2}recurring: Recurring \| null;/);
});

for (const [schema, examples] of Object.entries(SCHEMAS)) {
  test(`the test fixtures of ${schema} are valid instances of its schema in docs/openapi.json`, () => {
    for (const example of examples) assert.deepEqual(violations(document.components.schemas[schema], example, schema), []);
  });
}

test('the fixture validator reports a field the schema does not have, and a missing required one', () => {
  const billing = structuredClone(SCHEMAS.Billing[0]);
  billing.plan = 'team';
  delete billing.stale;
  assert.deepEqual(violations(document.components.schemas.Billing, billing, 'Billing').sort(),
    ['Billing.plan is not in the schema', 'Billing.stale is required']);
});

/** What makes `value` not an instance of `schema` (the JSON Schema subset the document uses). */
function violations(schema, value, at) {
  if (schema.$ref) return violations(document.components.schemas[schema.$ref.split('/').pop()], value, at);
  if (schema.anyOf) {
    return schema.anyOf.some((option) => violations(option, value, at).length === 0) ? [] : [`${at} matches no anyOf`];
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${at} is not one of ${schema.enum.join(', ')}`];
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array'
    : Number.isInteger(value) ? 'integer' : typeof value;
  if (types.length && !types.includes(kind) && !(kind === 'integer' && types.includes('number'))) {
    return [`${at} is ${kind}, not ${types.join(' or ')}`];
  }
  if (kind === 'array') return value.flatMap((item, i) => violations(schema.items, item, `${at}[${i}]`));
  if (kind !== 'object') return [];
  const properties = schema.properties || {};
  return [
    ...(schema.required || []).filter((name) => !(name in value)).map((name) => `${at}.${name} is required`),
    ...Object.keys(value).filter((name) => !(name in properties) && schema.additionalProperties === false)
      .map((name) => `${at}.${name} is not in the schema`),
    ...Object.entries(value).filter(([name]) => name in properties)
      .flatMap(([name, v]) => violations(properties[name], v, `${at}.${name}`)),
  ];
}
