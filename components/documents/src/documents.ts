import { defineComponent } from '@causeway/runtime';
import { decideDocument } from './decideDocument.ts';
import { evolveDocument, initialDocumentState } from './documentState.ts';

/** The documents component: entity `document-<documentId>`, commands on `document:command-<documentId>`. */
export const documents = defineComponent({
  name: 'documents',
  category: 'document',
  commands: ['CreateDocument', 'PatchDocument', 'ReplaceDocument', 'DeleteDocument'],
  events: ['DocumentCreated', 'DocumentPatched', 'DocumentReplaced', 'DocumentDeleted', 'DocumentCommandRejected'],
  rejections: ['DocumentCommandRejected'],
  initialState: initialDocumentState,
  evolve: evolveDocument,
  decide: decideDocument,
});
