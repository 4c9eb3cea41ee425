import { throughRuntime, useTestStores } from '@causeway/testing';
import { describe, it } from 'vitest';
import { walletsSpecs } from './walletsSpecs.ts';

const stores = useTestStores();
const store = () => stores.store();

describe('wallets, through the runtime and the embedded store', () => {
  for (const [name, run] of Object.entries(walletsSpecs(throughRuntime(store)))) it(name, run);
});
