import { pure } from '@causeway/testing';
import { describe, it } from 'vitest';
import { walletsSpecs } from './walletsSpecs.ts';

describe('wallets, pure', () => {
  for (const [name, run] of Object.entries(walletsSpecs(pure))) it(name, run);
});
