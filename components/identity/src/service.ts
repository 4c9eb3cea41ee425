import { componentPart, runService } from '@causeway/runtime';
import { identity } from './identity.ts';

await runService('identity', [componentPart(identity)]);
