import { defineComponent } from '@causeway/runtime';
import { decideDocument } from './decideDocument.ts';
import { evolveDocument, initialDocumentState } from './documentState.ts';

/** The documents component: entity `document-<documentId>`, commands on `document:command-<documentId>`. */
export const documents = defineComponent({
  name: 'documents',
  category: 'document',
  commands: ['CreateDocument', 'PatchDocument', 'ReplaceDocument', 'DeleteDocument'],
  // Any signed-in user may write documents: they carry no owner to act for.
  routes: {
    CreateDocument: { id: (d) => d.documentId, sentBy: 'user', actsFor: () => [] },
    PatchDocument: { id: (d) => d.documentId, sentBy: 'user', actsFor: () => [] },
    ReplaceDocument: { id: (d) => d.documentId, sentBy: 'user', actsFor: () => [] },
    DeleteDocument: { id: (d) => d.documentId, sentBy: 'user', actsFor: () => [] },
  },
  events: ['DocumentCreated', 'DocumentPatched', 'DocumentReplaced', 'DocumentDeleted', 'DocumentCommandRejected'],
  rejections: ['DocumentCommandRejected'],
  initialState: initialDocumentState,
  evolve: evolveDocument,
  decide: decideDocument,
});
