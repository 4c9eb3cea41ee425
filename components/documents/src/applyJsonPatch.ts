import type { PatchDocumentV1 } from '@causeway/contracts';
import jsonPatch from 'fast-json-patch';
import type { DocumentContent } from './documentState.ts';

export type JsonPatch = PatchDocumentV1['patch'];

export type PatchResult = { readonly ok: true; readonly content: DocumentContent } | { readonly ok: false; readonly detail: string };

const DETAIL_MAX = 1000;

/**
 * Applies an RFC 6902 patch to a copy of `content`; the input is never
 * changed, and the result shares nothing with the patch either (a later
 * change to one cannot reach the other). Every operation is validated, so a
 * path that does not exist, an index out of range or a failing `test` is an
 * error rather than a silent no-op. The detail names the operation, not the
 * document, so no content leaks into rejections.
 */
export function applyJsonPatch(content: DocumentContent, patch: JsonPatch): PatchResult {
  let result: unknown;
  try {
    result = jsonPatch.applyPatch(structuredClone(content), structuredClone(patch) as jsonPatch.Operation[], true, true).newDocument;
  } catch (error) {
    const e = error as { name?: string; index?: number; message?: string };
    const at = typeof e.index === 'number' ? patch[e.index] : undefined;
    const where = at ? ` at operation ${e.index} (${at.op} ${JSON.stringify(at.path)})` : '';
    const what = e.name && e.name !== 'Error' && e.name !== 'TypeError' ? e.name : (e.message ?? String(error)).split('\n')[0];
    return { ok: false, detail: `${what}${where}`.slice(0, DETAIL_MAX) };
  }
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    return { ok: false, detail: `the result must be a JSON object, got ${result === null ? 'null' : Array.isArray(result) ? 'an array' : typeof result}` };
  }
  return { ok: true, content: result as DocumentContent };
}
