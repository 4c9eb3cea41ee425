import { componentPart, runService } from '@causeway/runtime';
import { wallets } from './wallets.ts';

await runService('wallets', [componentPart(wallets)]);
