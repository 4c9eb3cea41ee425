/** Where applications write the commands this component handles: the document's command stream. */
export const commandRoutes = {
  CreateDocument: (data: { documentId: string }) => ({ category: 'document', id: data.documentId }),
  PatchDocument: (data: { documentId: string }) => ({ category: 'document', id: data.documentId }),
  ReplaceDocument: (data: { documentId: string }) => ({ category: 'document', id: data.documentId }),
  DeleteDocument: (data: { documentId: string }) => ({ category: 'document', id: data.documentId }),
};
