import { componentPart, runService } from '@causeway/runtime';
import { documents } from './documents.ts';

await runService('documents', [componentPart(documents)]);
