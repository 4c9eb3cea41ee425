import { describe, expect, it } from 'vitest';
import { compareSchemas } from './compareSchemas.ts';
import type { JsonSchema } from './ContractSource.ts';

const released: JsonSchema = {
  $id: 'shop/PlaceOrder@1',
  type: 'object',
  description: 'Place an order',
  properties: {
    orderId: { $ref: '#/definitions/Uuid' },
    quantity: { type: 'integer', minimum: 1, maximum: 100 },
    note: { type: 'string', maxLength: 200 },
    channel: { type: 'string', enum: ['web', 'app'] },
    placedAt: { type: 'string', format: 'date-time' },
    lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'], additionalProperties: false } },
  },
  required: ['orderId', 'quantity'],
  additionalProperties: false,
  definitions: { Uuid: { type: 'string', format: 'uuid' } },
};

const edit = (fn: (s: JsonSchema) => void): JsonSchema => {
  const copy = structuredClone(released);
  fn(copy);
  return copy;
};
const props = (s: JsonSchema) => s.properties as Record<string, JsonSchema>;
const breaking = (s: JsonSchema) => compareSchemas(released, s).filter((c) => c.breaking);
const compatible = (s: JsonSchema) => compareSchemas(released, s).filter((c) => !c.breaking);

describe('compareSchemas', () => {
  it('finds nothing when nothing changed', () => {
    expect(compareSchemas(released, structuredClone(released))).toEqual([]);
  });

  it.each([
    ['removed property', (s: JsonSchema) => delete props(s).note, 'removed-property', '/properties/note'],
    [
      'renamed property',
      (s: JsonSchema) => {
        props(s).remark = props(s).note as JsonSchema;
        delete props(s).note;
      },
      'renamed-property',
      '/properties/note',
    ],
    [
      'new required property',
      (s: JsonSchema) => {
        props(s).email = { type: 'string' };
        (s.required as string[]).push('email');
      },
      'new-required-property',
      '/required',
    ],
    ['optional became required', (s: JsonSchema) => (s.required as string[]).push('note'), 'now-required', '/required'],
    [
      'narrowed type',
      (s: JsonSchema) => {
        props(s).quantity = { type: 'string' };
      },
      'narrowed-type',
      '/properties/quantity/type',
    ],
    [
      'narrowed enum',
      (s: JsonSchema) => {
        props(s).channel = { type: 'string', enum: ['web'] };
      },
      'narrowed-enum',
      '/properties/channel/enum',
    ],
    [
      'changed format',
      (s: JsonSchema) => {
        (props(s).placedAt as JsonSchema).format = 'date';
      },
      'changed-format',
      '/properties/placedAt/format',
    ],
    [
      'changed format behind a $ref',
      (s: JsonSchema) => {
        (s.definitions as Record<string, JsonSchema>).Uuid = { type: 'string', format: 'email' };
      },
      'changed-format',
      '/properties/orderId/format',
    ],
    [
      'raised minimum',
      (s: JsonSchema) => {
        (props(s).quantity as JsonSchema).minimum = 2;
      },
      'tightened-bound',
      '/properties/quantity/minimum',
    ],
    [
      'lowered maxLength',
      (s: JsonSchema) => {
        (props(s).note as JsonSchema).maxLength = 10;
      },
      'tightened-bound',
      '/properties/note/maxLength',
    ],
    [
      'added pattern',
      (s: JsonSchema) => {
        (props(s).note as JsonSchema).pattern = '^[a-z]*$';
      },
      'changed-pattern',
      '/properties/note/pattern',
    ],
    [
      'nested removed property',
      (s: JsonSchema) => {
        const items = (props(s).lines as JsonSchema).items as JsonSchema;
        items.properties = {};
        items.required = [];
      },
      'removed-property',
      '/properties/lines/items/properties/sku',
    ],
  ])('%s is classified', (_name, mutate, rule, pointer) => {
    const changes = compareSchemas(released, edit(mutate as (s: JsonSchema) => void));
    expect(changes.map((c) => [c.rule, c.pointer])).toContainEqual([rule, pointer]);
  });

  it('flags tightened additionalProperties as breaking', () => {
    const open = structuredClone(released);
    open.additionalProperties = true;
    const closed = structuredClone(released);
    expect(
      compareSchemas(open, closed)
        .filter((c) => c.breaking)
        .map((c) => c.rule),
    ).toEqual(['tightened-additional-properties']);
    expect(compareSchemas(closed, open).filter((c) => c.breaking)).toEqual([]);
  });

  it.each([
    ['removed property', (s: JsonSchema) => delete props(s).note],
    [
      'new required property',
      (s: JsonSchema) => {
        props(s).email = { type: 'string' };
        (s.required as string[]).push('email');
      },
    ],
    [
      'narrowed type',
      (s: JsonSchema) => {
        props(s).quantity = { type: 'string' };
      },
    ],
    [
      'narrowed enum',
      (s: JsonSchema) => {
        props(s).channel = { type: 'string', enum: ['web'] };
      },
    ],
    [
      'changed format',
      (s: JsonSchema) => {
        (props(s).placedAt as JsonSchema).format = 'date';
      },
    ],
  ])('%s is breaking', (_name, mutate) => {
    expect(breaking(edit(mutate as (s: JsonSchema) => void)).length).toBeGreaterThan(0);
  });

  it.each([
    [
      'added optional property',
      (s: JsonSchema) => {
        props(s).coupon = { type: 'string' };
      },
    ],
    [
      'widened enum',
      (s: JsonSchema) => {
        props(s).channel = { type: 'string', enum: ['web', 'app', 'phone'] };
      },
    ],
    [
      're-worded description',
      (s: JsonSchema) => {
        s.description = 'Place an order, now documented better';
      },
    ],
    [
      'new example',
      (s: JsonSchema) => {
        s.examples = [{ orderId: 'x', quantity: 1 }];
      },
    ],
    [
      'lowered minimum',
      (s: JsonSchema) => {
        (props(s).quantity as JsonSchema).minimum = 0;
      },
    ],
    [
      'raised maximum',
      (s: JsonSchema) => {
        (props(s).quantity as JsonSchema).maximum = 1000;
      },
    ],
    [
      'dropped format',
      (s: JsonSchema) => {
        delete (props(s).placedAt as JsonSchema).format;
      },
    ],
    [
      'required became optional',
      (s: JsonSchema) => {
        s.required = ['orderId'];
      },
    ],
    [
      'integer widened to number',
      (s: JsonSchema) => {
        (props(s).quantity as JsonSchema).type = 'number';
      },
    ],
  ])('%s is compatible', (_name, mutate) => {
    const next = edit(mutate as (s: JsonSchema) => void);
    expect(breaking(next)).toEqual([]);
    if (JSON.stringify(next.examples) === undefined && next.description === released.description) expect(compatible(next).length).toBeGreaterThan(0);
  });

  it('treats an unknown keyword change as breaking rather than guessing', () => {
    const changes = breaking(
      edit((s) => {
        (props(s).note as JsonSchema).contentEncoding = 'base64';
      }),
    );
    expect(changes.map((c) => c.rule)).toEqual(['changed-keyword']);
  });
});
