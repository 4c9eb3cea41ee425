import { throughRuntime, useTestStores } from '@causeway/testing';
import { describe, it } from 'vitest';
import { auctionsSpecs } from './auctionsSpecs.ts';

const stores = useTestStores();
const store = () => stores.store();

describe('auctions, through the runtime and the embedded store', () => {
  for (const [name, run] of Object.entries(auctionsSpecs(throughRuntime(store)))) it(name, run);
});
