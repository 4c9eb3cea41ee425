import { validateMessage, type DocumentCommandRejectedV1 } from '@causeway/contracts';
import type { EmittedEvent, RecordedCommand } from '@causeway/runtime';
import { applyJsonPatch } from './applyJsonPatch.ts';
import type { DocumentEvent, DocumentState } from './documentState.ts';

export type DocumentCommand = 'CreateDocument' | 'PatchDocument' | 'ReplaceDocument' | 'DeleteDocument';

type Reason = DocumentCommandRejectedV1['reason'];

/**
 * Generic documents with optimistic concurrency: every change but creation
 * names the version it was made against, and a stale one is refused with
 * the current version so the client can reload and retry. A document lives
 * in one collection; a command naming another collection does not find it.
 */
export function decideDocument(command: RecordedCommand<DocumentCommand>, state: DocumentState): EmittedEvent<DocumentEvent>[] {
  const { collection, documentId } = command.data;
  const reject = (reason: Reason, extra: { expectedVersion?: number; actualVersion?: number; detail?: string } = {}): EmittedEvent<DocumentEvent>[] => [
    { type: 'DocumentCommandRejected', data: { collection, documentId, command: command.type, reason, ...extra } },
  ];
  const found = state.status !== 'none' && state.collection === collection ? state : undefined;

  if (command.type === 'CreateDocument') {
    if (found?.status === 'live') return reject('ALREADY_EXISTS', { actualVersion: found.version });
    if (found?.status === 'deleted') return reject('DELETED', { actualVersion: found.version });
    // The id is taken in another collection: creating it here would make one stream hold two documents.
    if (state.status !== 'none') return reject('ALREADY_EXISTS');
    return [{ type: 'DocumentCreated', data: { collection, documentId, content: command.data.content, version: 1 } }];
  }

  const { expectedVersion } = command.data;
  if (!found) return reject('NOT_FOUND', { expectedVersion });
  if (found.status === 'deleted') return reject('DELETED', { expectedVersion, actualVersion: found.version });
  if (expectedVersion !== found.version) return reject('VERSION_MISMATCH', { expectedVersion, actualVersion: found.version });
  const version = found.version + 1;

  switch (command.type) {
    case 'PatchDocument': {
      const { patch } = command.data;
      const result = applyJsonPatch(found.content, patch);
      if (!result.ok) return reject('PATCH_FAILED', { expectedVersion, actualVersion: found.version, detail: result.detail });
      // A patch can build what no store holds (a NUL byte in an added key, nesting past the limit):
      // refused here, as the gateway refuses such content on create and replace.
      const patched = { collection, documentId, patch, content: result.content, version };
      const check = validateMessage('DocumentPatched', patched);
      if (!check.ok)
        return reject('PATCH_FAILED', {
          expectedVersion,
          actualVersion: found.version,
          detail: check.issues
            .map((i) => i.message)
            .join('; ')
            .slice(0, 500),
        });
      return [{ type: 'DocumentPatched', data: patched }];
    }
    case 'ReplaceDocument':
      return [{ type: 'DocumentReplaced', data: { collection, documentId, content: command.data.content, version } }];
    case 'DeleteDocument':
      return [{ type: 'DocumentDeleted', data: { collection, documentId, version } }];
  }
}
