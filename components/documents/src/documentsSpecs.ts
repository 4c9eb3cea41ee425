import { randomUUID } from 'node:crypto';
import { componentSpec, type SpecMode } from '@causeway/testing';
import type { JsonPatch } from './applyJsonPatch.ts';
import { documents } from './documents.ts';

/**
 * Every documents rule as a given/when/then spec. One list, run pure
 * (documents.unit.test.ts) and through the runtime and a real store
 * (documents.int.test.ts).
 */
export function documentsSpecs(mode: SpecMode) {
  const spec = componentSpec(documents, mode);
  const documentId = randomUUID();
  const collection = 'lots';
  const content = { title: 'Brass telescope', tags: ['optics', 'brass'], condition: { grade: 'B' } };

  const created = () => ({ type: 'DocumentCreated' as const, data: { collection, documentId, content, version: 1 } });
  const replaced = (version: number, replacement: Record<string, unknown>) => ({
    type: 'DocumentReplaced' as const,
    data: { collection, documentId, content: replacement, version },
  });
  const deleted = (version: number) => ({ type: 'DocumentDeleted' as const, data: { collection, documentId, version } });

  const create = (inCollection = collection) => ({ type: 'CreateDocument' as const, data: { collection: inCollection, documentId, content } });
  const patch = (expectedVersion: number, operations: JsonPatch, inCollection = collection) => ({
    type: 'PatchDocument' as const,
    data: { collection: inCollection, documentId, expectedVersion, patch: operations },
  });
  const replace = (expectedVersion: number, replacement: Record<string, unknown> = { title: 'Telescope' }, inCollection = collection) => ({
    type: 'ReplaceDocument' as const,
    data: { collection: inCollection, documentId, expectedVersion, content: replacement },
  });
  const remove = (expectedVersion: number, inCollection = collection) => ({
    type: 'DeleteDocument' as const,
    data: { collection: inCollection, documentId, expectedVersion },
  });

  return {
    // CreateDocument
    'CreateDocument creates version 1 with the content': () =>
      spec
        .given([])
        .when(create())
        .then([{ type: 'DocumentCreated', data: { collection, documentId, content, version: 1 } }]),
    'CreateDocument on an existing document is rejected ALREADY_EXISTS with its version': async () => {
      const when = spec.given([created(), replaced(2, { title: 'x' })]).when(create());
      await when.thenRejected('DocumentCommandRejected', { collection, documentId, command: 'CreateDocument', reason: 'ALREADY_EXISTS', actualVersion: 2 });
      await when.thenNotEmitted('DocumentCreated');
    },
    'CreateDocument with an id taken in another collection is rejected ALREADY_EXISTS': () =>
      spec.given([created()]).when(create('notes')).thenRejected('DocumentCommandRejected', { collection: 'notes', reason: 'ALREADY_EXISTS' }),
    'CreateDocument on a deleted document is rejected DELETED': async () => {
      const when = spec.given([created(), deleted(2)]).when(create());
      await when.thenRejected('DocumentCommandRejected', { command: 'CreateDocument', reason: 'DELETED', actualVersion: 2 });
      await when.thenNotEmitted('DocumentCreated');
    },

    // PatchDocument
    'PatchDocument applies the patch and carries both the patch and the resulting content': () =>
      spec
        .given([created()])
        .when(
          patch(1, [
            { op: 'replace', path: '/title', value: 'Brass telescope, 1890s' },
            { op: 'add', path: '/tags/-', value: 'antique' },
          ]),
        )
        .then([
          {
            type: 'DocumentPatched',
            data: {
              patch: [
                { op: 'replace', path: '/title', value: 'Brass telescope, 1890s' },
                { op: 'add', path: '/tags/-', value: 'antique' },
              ],
              content: { title: 'Brass telescope, 1890s', tags: ['optics', 'brass', 'antique'], condition: { grade: 'B' } },
              version: 2,
            },
          },
        ]),
    'PatchDocument supports remove, move, copy and a passing test': () =>
      spec
        .given([created()])
        .when(
          patch(1, [
            { op: 'test', path: '/condition/grade', value: 'B' },
            { op: 'copy', from: '/title', path: '/name' },
            { op: 'move', from: '/condition/grade', path: '/grade' },
            { op: 'remove', path: '/tags/0' },
          ]),
        )
        .then([
          {
            type: 'DocumentPatched',
            data: { content: { title: 'Brass telescope', name: 'Brass telescope', tags: ['brass'], condition: {}, grade: 'B' }, version: 2 },
          },
        ]),
    'PatchDocument works on the latest content': () =>
      spec
        .given([created(), replaced(2, { title: 'Telescope', count: 1 })])
        .when(patch(2, [{ op: 'replace', path: '/count', value: 2 }]))
        .then([{ type: 'DocumentPatched', data: { content: { title: 'Telescope', count: 2 }, version: 3 } }]),
    'PatchDocument against a stale version is rejected VERSION_MISMATCH': async () => {
      const when = spec.given([created(), replaced(2, { title: 'x' })]).when(patch(1, [{ op: 'add', path: '/a', value: 1 }]));
      await when.thenRejected('DocumentCommandRejected', { command: 'PatchDocument', reason: 'VERSION_MISMATCH', expectedVersion: 1, actualVersion: 2 });
      await when.thenNotEmitted('DocumentPatched');
    },
    'PatchDocument of a missing document is rejected NOT_FOUND': async () => {
      const when = spec.given([]).when(patch(1, [{ op: 'add', path: '/a', value: 1 }]));
      await when.thenRejected('DocumentCommandRejected', { command: 'PatchDocument', reason: 'NOT_FOUND', expectedVersion: 1 });
      await when.thenNotEmitted('DocumentPatched');
    },
    'PatchDocument naming another collection is rejected NOT_FOUND': () =>
      spec
        .given([created()])
        .when(patch(1, [{ op: 'add', path: '/a', value: 1 }], 'notes'))
        .thenRejected('DocumentCommandRejected', { collection: 'notes', reason: 'NOT_FOUND' }),
    'PatchDocument of a deleted document is rejected DELETED': async () => {
      const when = spec.given([created(), deleted(2)]).when(patch(2, [{ op: 'add', path: '/a', value: 1 }]));
      await when.thenRejected('DocumentCommandRejected', { command: 'PatchDocument', reason: 'DELETED', actualVersion: 2 });
      await when.thenNotEmitted('DocumentPatched');
    },
    'PatchDocument with an operation on a missing path is rejected PATCH_FAILED': async () => {
      const when = spec.given([created()]).when(patch(1, [{ op: 'remove', path: '/missing' }]));
      await when.thenRejected('DocumentCommandRejected', {
        reason: 'PATCH_FAILED',
        expectedVersion: 1,
        actualVersion: 1,
        detail: 'OPERATION_PATH_UNRESOLVABLE at operation 0 (remove "/missing")',
      });
      await when.thenNotEmitted('DocumentPatched');
    },
    'PatchDocument adding a key with a NUL byte (which no BSON document holds) is rejected PATCH_FAILED': async () => {
      const when = spec.given([created()]).when(patch(1, [{ op: 'add', path: '/condition/\u0000grade', value: 'A' }]));
      await when.thenRejected('DocumentCommandRejected', {
        reason: 'PATCH_FAILED',
        detail: 'data/content/condition/\\u0000grade: a key must not contain a NUL byte',
      });
      await when.thenNotEmitted('DocumentPatched');
    },
    'PatchDocument whose test fails is rejected PATCH_FAILED and applies none of its operations': async () => {
      const when = spec.given([created()]).when(
        patch(1, [
          { op: 'replace', path: '/title', value: 'changed' },
          { op: 'test', path: '/condition/grade', value: 'A' },
        ]),
      );
      await when.thenRejected('DocumentCommandRejected', { reason: 'PATCH_FAILED', detail: 'TEST_OPERATION_FAILED at operation 1 (test "/condition/grade")' });
      await when.thenNotEmitted('DocumentPatched');
    },
    'PatchDocument adding past the end of an array is rejected PATCH_FAILED': () =>
      spec
        .given([created()])
        .when(patch(1, [{ op: 'add', path: '/tags/5', value: 'x' }]))
        .thenRejected('DocumentCommandRejected', { reason: 'PATCH_FAILED', detail: 'OPERATION_VALUE_OUT_OF_BOUNDS at operation 0 (add "/tags/5")' }),
    'PatchDocument whose result is not an object is rejected PATCH_FAILED': async () => {
      const when = spec.given([created()]).when(patch(1, [{ op: 'replace', path: '', value: ['not', 'an', 'object'] }]));
      await when.thenRejected('DocumentCommandRejected', { reason: 'PATCH_FAILED', detail: 'the result must be a JSON object, got an array' });
      await when.thenNotEmitted('DocumentPatched');
    },
    'PatchDocument touching __proto__ is rejected PATCH_FAILED': () =>
      spec
        .given([created()])
        .when(patch(1, [{ op: 'add', path: '/__proto__/polluted', value: true }]))
        .thenRejected('DocumentCommandRejected', { reason: 'PATCH_FAILED' }),

    // ReplaceDocument
    'ReplaceDocument replaces the whole content and bumps the version': async () => {
      const when = spec.given([created()]).when(replace(1, { title: 'Telescope' }));
      await when.then([{ type: 'DocumentReplaced', data: { collection, documentId, content: { title: 'Telescope' }, version: 2 } }]);
      await when.thenNotEmitted((e) => JSON.stringify(e.data).includes('optics'));
    },
    'ReplaceDocument against a stale version is rejected VERSION_MISMATCH': async () => {
      const when = spec.given([created()]).when(replace(3));
      await when.thenRejected('DocumentCommandRejected', { command: 'ReplaceDocument', reason: 'VERSION_MISMATCH', expectedVersion: 3, actualVersion: 1 });
      await when.thenNotEmitted('DocumentReplaced');
    },
    'ReplaceDocument of a missing document is rejected NOT_FOUND': () =>
      spec.given([]).when(replace(1)).thenRejected('DocumentCommandRejected', { command: 'ReplaceDocument', reason: 'NOT_FOUND' }),
    'ReplaceDocument of a deleted document is rejected DELETED': async () => {
      const when = spec.given([created(), deleted(2)]).when(replace(2));
      await when.thenRejected('DocumentCommandRejected', { command: 'ReplaceDocument', reason: 'DELETED' });
      await when.thenNotEmitted('DocumentReplaced');
    },

    // DeleteDocument
    'DeleteDocument deletes the document as a new version': () =>
      spec
        .given([created(), replaced(2, { title: 'x' })])
        .when(remove(2))
        .then([{ type: 'DocumentDeleted', data: { collection, documentId, version: 3 } }]),
    'DeleteDocument against a stale version is rejected VERSION_MISMATCH': async () => {
      const when = spec.given([created(), replaced(2, { title: 'x' })]).when(remove(1));
      await when.thenRejected('DocumentCommandRejected', { command: 'DeleteDocument', reason: 'VERSION_MISMATCH', expectedVersion: 1, actualVersion: 2 });
      await when.thenNotEmitted('DocumentDeleted');
    },
    'DeleteDocument of a missing document is rejected NOT_FOUND': () =>
      spec.given([]).when(remove(1)).thenRejected('DocumentCommandRejected', { command: 'DeleteDocument', reason: 'NOT_FOUND' }),
    'DeleteDocument of a deleted document is rejected DELETED, not deleted twice': async () => {
      const when = spec.given([created(), deleted(2)]).when(remove(2));
      await when.thenRejected('DocumentCommandRejected', { command: 'DeleteDocument', reason: 'DELETED', actualVersion: 2 });
      await when.thenNotEmitted('DocumentDeleted');
    },
  };
}
