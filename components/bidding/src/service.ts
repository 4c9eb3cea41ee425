import { policyPart, runService, sagaPart } from '@causeway/runtime';
import { biddingSaga } from './biddingSaga.ts';
import { settlementPolicy } from './settlementPolicy.ts';

await runService('bidding', [sagaPart(biddingSaga), policyPart(settlementPolicy)]);
