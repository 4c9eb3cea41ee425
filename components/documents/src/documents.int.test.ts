import { throughRuntime, useTestStores } from '@causeway/testing';
import { describe, it } from 'vitest';
import { documentsSpecs } from './documentsSpecs.ts';

const stores = useTestStores();
const store = () => stores.store();

describe('documents, through the runtime and the embedded store', () => {
  for (const [name, run] of Object.entries(documentsSpecs(throughRuntime(store)))) it(name, run);
});
