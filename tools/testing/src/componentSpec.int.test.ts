import { useTestStores } from '@causeway/runtime/testing';
import { describe, it } from 'vitest';
import { throughRuntime } from './componentSpec.ts';
import { walletSpecs } from './walletSpecs.ts';

const stores = useTestStores();
const store = () => stores.store();

describe('componentSpec, through the runtime and the embedded store', () => {
  for (const [name, run] of Object.entries(walletSpecs(throughRuntime(store)))) it(name, run);
});
