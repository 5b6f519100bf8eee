// Loads Discord's OpenAPI description (spec/ in this package) and adapts its component
// schemas for ajv: permission bitfields also accept digit strings (see spec/README.md)
// and `type`-tagged unions become if/then chains so errors come from the matching branch only.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's folder, from src/ (sources) or dist/ (compiled) alike. */
function packageDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const PERMISSION_FIELDS = new Set(['default_member_permissions', 'permissions', 'allow', 'deny']);
const REF_PREFIX = '#/components/schemas/';

let cached: JsonObject | undefined;

/** The spec's `components.schemas`, transformed once per process. */
export function loadComponentSchemas(): JsonObject {
  if (cached) return cached;
  const spec = JSON.parse(readFileSync(join(packageDir(), 'spec/openapi.json'), 'utf8')) as { components: { schemas: JsonObject } };
  const schemas = spec.components.schemas;
  for (const name of Object.keys(schemas)) schemas[name] = transform(schemas[name] as Json, schemas);
  cached = schemas;
  return schemas;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function transform(node: Json, schemas: JsonObject): Json {
  if (Array.isArray(node)) return node.map((child) => transform(child, schemas));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isObject(value)) {
      const props: JsonObject = {};
      for (const [prop, schema] of Object.entries(value)) {
        const adapted = transform(schema, schemas);
        props[prop] = PERMISSION_FIELDS.has(prop) ? acceptDigitString(adapted) : adapted;
      }
      out[key] = props;
    } else {
      out[key] = transform(value, schemas);
    }
  }
  const tagged = Array.isArray(out.oneOf) ? typeTaggedBranches(out.oneOf, schemas) : undefined;
  if (tagged) {
    delete out.oneOf;
    out.type = 'object';
    out.required = ['type'];
    out.properties = { type: { enum: tagged.map((b) => b.tag) } };
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, not a thenable.
    out.allOf = tagged.map((b) => ({ if: { properties: { type: { const: b.tag } } }, then: { $ref: b.ref } }));
  }
  return out;
}

/** Permission bitfields are integers in the spec, but Discord (and discord.js) use digit strings. */
function acceptDigitString(schema: Json): Json {
  if (!isObject(schema)) return schema;
  const type = schema.type;
  const isInteger = type === 'integer' || (Array.isArray(type) && type.includes('integer'));
  if (!isInteger) return schema;
  return { anyOf: [schema, { type: 'string', pattern: '^[0-9]+$' }] };
}

/** `oneOf: [$ref, ...]` where every branch requires a distinct single-valued `type`. */
function typeTaggedBranches(branches: Json[], schemas: JsonObject): { tag: number; ref: string }[] | undefined {
  const result: { tag: number; ref: string }[] = [];
  for (const branch of branches) {
    if (!isObject(branch) || typeof branch.$ref !== 'string' || !branch.$ref.startsWith(REF_PREFIX)) return undefined;
    const target = schemas[branch.$ref.slice(REF_PREFIX.length)];
    if (!isObject(target) || !isObject(target.properties)) return undefined;
    const required = target.required;
    if (!Array.isArray(required) || !required.includes('type')) return undefined;
    const typeSchema = target.properties.type;
    if (!isObject(typeSchema)) return undefined;
    const values = Array.isArray(typeSchema.enum) ? typeSchema.enum : 'const' in typeSchema ? [typeSchema.const] : [];
    if (values.length !== 1 || typeof values[0] !== 'number') return undefined;
    if (result.some((r) => r.tag === values[0])) return undefined;
    result.push({ tag: values[0], ref: branch.$ref });
  }
  return result.length > 0 ? result : undefined;
}
