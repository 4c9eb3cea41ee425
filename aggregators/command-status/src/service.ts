import { aggregatorPart, runService } from '@causeway/runtime';
import { loadSuite } from '@causeway/suite';
import { commandStatusAggregator } from './commandStatusAggregator.ts';

await runService('command-status', [aggregatorPart(commandStatusAggregator.build(await loadSuite()))]);
