import { randomUUID } from 'node:crypto';
import { pure } from '@causeway/testing';
import type { RecordedCommand } from '@causeway/runtime';
import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from './applyJsonPatch.ts';
import { decideDocument } from './decideDocument.ts';
import type { DocumentState } from './documentState.ts';
import { documentsSpecs } from './documentsSpecs.ts';

describe('documents, pure', () => {
  for (const [name, run] of Object.entries(documentsSpecs(pure))) it(name, run);
});

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};

describe('documents never change state in place', () => {
  it('patches a copy: the folded content stays as it was, frozen or not', () => {
    const content = { title: 'Telescope', tags: ['optics'], nested: { a: 1 } };
    const state: DocumentState = deepFreeze({ status: 'live', collection: 'lots', content, version: 1 });
    const command = {
      type: 'PatchDocument',
      data: {
        collection: 'lots',
        documentId: randomUUID(),
        expectedVersion: 1,
        patch: [
          { op: 'add', path: '/tags/-', value: 'brass' },
          { op: 'remove', path: '/nested/a' },
        ],
      },
      created: new Date(),
    } as unknown as RecordedCommand<'PatchDocument'>;
    const [event] = decideDocument(command, state);
    expect(event).toMatchObject({ type: 'DocumentPatched', data: { content: { title: 'Telescope', tags: ['optics', 'brass'], nested: {} }, version: 2 } });
    expect(state).toEqual({ status: 'live', collection: 'lots', content: { title: 'Telescope', tags: ['optics'], nested: { a: 1 } }, version: 1 });
  });

  it('shares nothing between the result and the patch', () => {
    const value = { deep: { x: 1 } };
    const result = applyJsonPatch({}, [{ op: 'add', path: '/v', value }]);
    if (!result.ok) throw new Error(result.detail);
    (result.content.v as { deep: { x: number } }).deep.x = 2;
    expect(value.deep.x).toBe(1);
  });

  it('keeps document content out of the failure detail', () => {
    const result = applyJsonPatch({ secret: 'hunter2' }, [{ op: 'remove', path: '/missing' }]);
    expect(result).toEqual({ ok: false, detail: 'OPERATION_PATH_UNRESOLVABLE at operation 0 (remove "/missing")' });
  });
});
