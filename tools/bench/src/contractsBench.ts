import { getContract, validateMessage } from '@causeway/contracts';
import type { Benchmark } from './Benchmark.ts';
import { measureRate, perSecond } from './measureRate.ts';

const placeBid = {
  auctionId: '2f6e8a10-7c3d-4e5f-a1b2-c3d4e5f60718',
  bidId: '7e1f2a3b-4c5d-4e6f-9a0b-1c2d3e4f5a6b',
  bidderId: '5a0b3f7e-2a4c-4d8e-9f10-3b2c1d0e9f8a',
  amount: 1200,
  currency: 'EUR',
  reservationId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
};
const invalid = { ...placeBid, amount: -5, currency: 'euro', extra: true };

/** Validations per second of a typical command (PlaceBid) with the precompiled validators. */
export const contractsBench: Benchmark = {
  name: 'contracts',
  description: 'PlaceBid validations per second with the generated validators',
  async run(progress) {
    const contract = getContract('PlaceBid');
    const text = JSON.stringify(placeBid);
    progress('baseline: JSON.parse of the same payload');
    const parse = measureRate(() => JSON.parse(text));
    progress('precompiled validator, valid payload');
    const valid = measureRate(() => contract.validate(placeBid));
    progress('validateMessage (lookup + validate), valid payload');
    const viaApi = measureRate(() => validateMessage('PlaceBid', placeBid));
    progress('validateMessage, invalid payload with readable issues');
    const failing = measureRate(() => validateMessage('PlaceBid', invalid));
    return [
      { metric: 'validator call, valid PlaceBid', value: perSecond(valid), baseline: `JSON.parse ${perSecond(parse)}` },
      { metric: 'validateMessage, valid PlaceBid', value: perSecond(viaApi), baseline: `JSON.parse ${perSecond(parse)}` },
      { metric: 'validateMessage, invalid (3 issues, described)', value: perSecond(failing) },
    ];
  },
};
