import type { RawValidationError, ValidationIssue } from './ValidationIssue.ts';

const MAX_SHOWN = 60;

/** Renders a value the way a person reads it, cut short when long. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

function typeWords(type: unknown): string {
  const one = (t: string) => (t === 'integer' ? 'an integer' : t === 'array' || t === 'object' ? `an ${t}` : t === 'null' ? 'null' : `a ${t}`);
  if (Array.isArray(type)) return type.map((t) => one(String(t))).join(' or ');
  return typeof type === 'string' ? one(type) : 'a value';
}

function decodePointer(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Turns one ajv error into a sentence naming the field, the rule and the value given. */
export function describeIssue(error: RawValidationError, root = 'data'): ValidationIssue {
  const segments = decodePointer(error.instancePath);
  const path = [root, ...segments].join('/');
  const p = error.params;
  const parentType = error.parentSchema?.type;
  const typed = parentType === undefined ? 'a value' : typeWords(parentType);
  const given = `, got ${show(error.data)}`;
  let text: string;
  let pointer = error.instancePath;
  let where = path;
  switch (error.keyword) {
    case 'required': {
      const missing = String(p.missingProperty);
      pointer = `${error.instancePath}/${missing}`;
      where = `${path}/${missing}`;
      text = `${where} is required but missing`;
      break;
    }
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      pointer = `${error.instancePath}/${extra}`;
      where = `${path}/${extra}`;
      text = `${where} is not allowed (unknown property)`;
      break;
    }
    case 'type':
      text = `${path} must be ${typeWords(p.type)}, got ${kindOf(error.data)} ${show(error.data)}`;
      break;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      text = `${path} must be ${typed} ${String(p.comparison)} ${String(p.limit)}${given}`;
      break;
    case 'minLength':
      text = `${path} must be at least ${String(p.limit)} characters long${given}`;
      break;
    case 'maxLength':
      text = `${path} must be at most ${String(p.limit)} characters long${given}`;
      break;
    case 'minItems':
      text = `${path} must have at least ${String(p.limit)} items, got ${Array.isArray(error.data) ? error.data.length : show(error.data)}`;
      break;
    case 'maxItems':
      text = `${path} must have at most ${String(p.limit)} items, got ${Array.isArray(error.data) ? error.data.length : show(error.data)}`;
      break;
    case 'pattern':
      text = `${path} must match the pattern ${String(p.pattern)}${given}`;
      break;
    case 'format':
      text = `${path} must be a valid ${String(p.format)}${given}`;
      break;
    case 'enum':
      text = `${path} must be one of ${show(p.allowedValues)}${given}`;
      break;
    case 'const':
      text = `${path} must be ${show(p.allowedValue)}${given}`;
      break;
    case 'oneOf':
    case 'anyOf':
      text = `${path} must match exactly one allowed shape${error.parentSchema?.title ? ` of ${String(error.parentSchema.title)}` : ''}${given}`;
      break;
    case 'multipleOf':
      text = `${path} must be a multiple of ${String(p.multipleOf)}${given}`;
      break;
    default:
      text = `${path} ${error.message ?? `fails ${error.keyword}`}${given}`;
  }
  return { path: where, pointer, keyword: error.keyword, message: text };
}
