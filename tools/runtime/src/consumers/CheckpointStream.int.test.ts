import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatPosition } from '../messages/LogPosition.ts';
import { streamNames } from '../messages/streamNames.ts';
import { useTestStores } from '../testing/useTestStores.ts';
import { CheckpointStream } from './CheckpointStream.ts';

const stores = useTestStores();
const consumerName = () => `c${randomUUID().replaceAll('-', '').slice(0, 12)}`;

describe('CheckpointStream', () => {
  it('stores the checkpoint in <name>:checkpoint and reads the last one back', async () => {
    const name = consumerName();
    const checkpoints = new CheckpointStream(stores.store(), name);
    expect(await checkpoints.read()).toBeUndefined();
    await checkpoints.write({ commit: 10n, prepare: 10n });
    await checkpoints.write({ commit: 20n, prepare: 20n });
    expect(await new CheckpointStream(stores.store(), name).read()).toEqual({ commit: 20n, prepare: 20n });
    expect((await stores.store().readLast(streamNames.checkpoint(name)))?.type).toBe('CheckpointRecorded');
  });

  it('reads a checkpoint stored before the rename from <name>:position, and never writes there', async () => {
    const name = consumerName();
    const legacy = streamNames.legacyPosition(name);
    await stores.store().append(legacy, [{ type: 'PositionRecorded', data: { consumer: name, position: formatPosition({ commit: 7n, prepare: 7n }) } }]);
    const checkpoints = new CheckpointStream(stores.store(), name);
    expect(await checkpoints.read()).toEqual({ commit: 7n, prepare: 7n });
    await checkpoints.write({ commit: 9n, prepare: 9n });
    expect(await new CheckpointStream(stores.store(), name).read()).toEqual({ commit: 9n, prepare: 9n });
    expect(await stores.store().readStreamToArray(legacy)).toHaveLength(1);
  });
});
