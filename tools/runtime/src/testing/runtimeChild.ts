// A child process for the kill -9 and consumer-group tests: runs one fixture
// component or aggregator against stores owned by the parent, until killed
// or told to stop (SIGTERM: clean stop, position stored).
import { MongoClient } from 'mongodb';
import { MessageStore } from '../store/MessageStore.ts';
import { runAggregator } from '../aggregators/runAggregator.ts';
import { runComponent } from '../components/runComponent.ts';
import { walletFixture } from './walletFixture.ts';
import { walletViewFixture } from './walletViewFixture.ts';

interface ChildConfig {
  readonly kind: 'component' | 'aggregator';
  readonly eventstore: string;
  readonly mongo?: string;
  readonly db?: string;
  readonly category: string;
  readonly name: string;
  readonly group?: { size: number; member: number };
  readonly batchSize?: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const store = MessageStore.connect(config.eventstore);
let stop: () => Promise<void>;
if (config.kind === 'component') {
  const running = await runComponent(
    { ...walletFixture, name: config.name, category: config.category },
    { store, ...(config.group ? { group: config.group } : {}), checkpointEvery: { messages: 25, ms: 50 } },
  );
  stop = running.stop;
  void running.caughtUp.then(() => process.stdout.write('caught-up\n'));
} else {
  const mongo = await new MongoClient(config.mongo as string).connect();
  const running = await runAggregator(walletViewFixture(config.category, config.name), { store, db: mongo.db(config.db), batchSize: config.batchSize ?? 50 });
  stop = async () => {
    await running.stop();
    await mongo.close();
  };
  void running.caughtUp.then(() => process.stdout.write('caught-up\n'));
}
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
