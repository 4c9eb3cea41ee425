import { randomUUID } from 'node:crypto';
import { runComponent, streamNames, type Recorded } from '@causeway/runtime';
import { CheckpointStream } from '@causeway/runtime/internal';
import { throughRuntime, useTestStores } from '@causeway/testing';
import { describe, expect, it } from 'vitest';
import { emailKey } from './emailKey.ts';
import { identity } from './identity.ts';
import { identitySpecs } from './identitySpecs.ts';

const stores = useTestStores();
const store = () => stores.store();

describe('identity, through the runtime and the embedded store', () => {
  for (const [name, run] of Object.entries(identitySpecs(throughRuntime(store)))) it(name, run);
});

describe('identity, concurrent registrations of one email', () => {
  it('two instances deciding two registrations of one email (different case) at once register it exactly once', async () => {
    const category = `identityRaceT${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    const passwordHash = `argon2id$v=19$m=65536,t=3,p=4$${'c'.repeat(43)}`;
    const emails = Array.from({ length: 20 }, (_, i) => `racer${i}.${randomUUID().slice(0, 8)}@example.com`);
    const send = (asEntered: string) =>
      store().append(streamNames.command(category, emailKey(asEntered)), [
        { type: 'RegisterUser', data: { userId: randomUUID(), email: asEntered, displayName: 'Racer', passwordHash } },
      ]);
    // Every first registration, then every second one (upper case). Instance A starts from the
    // beginning; instance B's stored position is after the first ones, so it only sees the second
    // ones. Started together, A decides "first" while B decides "second" on the same empty entity:
    // a real race that only the expected revision can settle.
    const firsts = await Promise.all(emails.map((email) => send(email)));
    const afterFirsts = firsts.map((o) => o.position).reduce((max, p) => (p && (!max || p.commit > max.commit) ? p : max));
    await Promise.all(emails.map((email) => send(email.toUpperCase())));
    if (!afterFirsts) throw new Error('the store returned no position');
    await new CheckpointStream(store(), `${category}B`).write(afterFirsts);
    const [a, b] = [
      runComponent({ ...identity, name: `${category}A`, category }, { store: store() }),
      runComponent({ ...identity, name: `${category}B`, category }, { store: store() }),
    ];
    const running = await Promise.all([a, b]);

    const eventsOf = async (email: string) => {
      const events: Recorded[] = [];
      for await (const m of store().readStream(streamNames.entity(category, emailKey(email)))) events.push(m);
      return events;
    };
    for (const email of emails) {
      await expect.poll(async () => (await eventsOf(email)).length).toBe(2);
      const events = await eventsOf(email);
      expect(events.filter((e) => e.type === 'UserRegistered')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'UserRegistrationRejected').map((e) => (e.data as { reason: string }).reason)).toEqual(['EMAIL_TAKEN']);
    }
    await Promise.all(running.map((r) => r.stop()));
    // Nothing more arrives after both have drained: still one registration per email.
    for (const email of emails) expect((await eventsOf(email)).filter((e) => e.type === 'UserRegistered')).toHaveLength(1);
  });
});
