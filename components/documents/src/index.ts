export { documents } from './documents.ts';
export { decideDocument, type DocumentCommand } from './decideDocument.ts';
export { evolveDocument, initialDocumentState, type DocumentContent, type DocumentEvent, type DocumentState } from './documentState.ts';
export { applyJsonPatch, type JsonPatch, type PatchResult } from './applyJsonPatch.ts';
