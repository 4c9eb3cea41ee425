export { biddingSaga, reservationIdFor } from './biddingSaga.ts';
export { settlementPolicy } from './settlementPolicy.ts';
