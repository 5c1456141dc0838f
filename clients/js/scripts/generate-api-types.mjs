// Generates src/api-types.d.ts from the server's OpenAPI document (docs/openapi.json): one interface per schema
// that a /v1/billing operation reads or answers, errors included. `npm test` fails when the checked-in file differs
// from what this script would write now, so a change to the API cannot leave the declarations behind.
//
//   node scripts/generate-api-types.mjs            writes src/api-types.d.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const OPENAPI = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));
export const OUTPUT = fileURLToPath(new URL('../src/api-types.d.ts', import.meta.url));
const PREFIX = '/v1/billing/';

/** The names of the component schemas the browser-facing operations use, directly or through other schemas. */
export function billingSchemaNames(document) {
  const names = new Set();
  const schemas = document.components.schemas;
  const visit = (node) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string') {
        const name = refName(node.$ref);
        const [kind] = node.$ref.split('/').slice(-2);
        if (kind === 'schemas' && !names.has(name)) {
          names.add(name);
          visit(schemas[name]);
        } else if (kind === 'responses') {
          visit(document.components.responses[name]);
        }
      }
      Object.values(node).forEach(visit);
    }
  };
  for (const [path, operations] of Object.entries(document.paths)) {
    if (path.startsWith(PREFIX)) visit(operations);
  }
  return [...names].sort();
}

/** The text of src/api-types.d.ts for this OpenAPI document. */
export function generate(document) {
  const schemas = document.components.schemas;
  const lines = [
    '// Generated from docs/openapi.json by scripts/generate-api-types.mjs; do not edit (npm run generate-types).',
    '// Each interface is a component schema of the /v1/billing operations: a field is required unless marked `?`,',
    '// and `| null` where the server may send null.',
    '',
  ];
  for (const name of billingSchemaNames(document)) {
    const schema = schemas[name];
    if (schema.description) lines.push(`/** ${schema.description} */`);
    lines.push(`export interface ${name} {`);
    const required = new Set(schema.required || []);
    for (const [field, property] of Object.entries(schema.properties || {}).sort(([a], [b]) => a.localeCompare(b))) {
      if (property.description) lines.push(`  /** ${property.description} */`);
      lines.push(`  ${field}${required.has(field) ? '' : '?'}: ${typeOf(property)};`);
    }
    lines.push('}', '');
  }
  return lines.join('\n');
}

function typeOf(schema) {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.anyOf || schema.oneOf) return union((schema.anyOf || schema.oneOf).map(typeOf));
  if (schema.enum) return union(schema.enum.map((value) => (value === null ? 'null' : JSON.stringify(value))));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return union(types.map((type) => {
    switch (type) {
      case 'string': return 'string';
      case 'integer':
      case 'number': return 'number';
      case 'boolean': return 'boolean';
      case 'null': return 'null';
      case 'array': return `${wrap(typeOf(schema.items))}[]`;
      case 'object': return 'Record<string, unknown>';
      default: throw new Error(`no TypeScript type for the schema type ${JSON.stringify(type)}`);
    }
  }));
}

const union = (types) => [...new Set(types)].join(' | ');
const wrap = (type) => (type.includes(' | ') ? `(${type})` : type);
const refName = (ref) => ref.split('/').pop();

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OUTPUT, generate(JSON.parse(readFileSync(OPENAPI, 'utf8'))));
  console.log(`wrote ${OUTPUT}`);
}
