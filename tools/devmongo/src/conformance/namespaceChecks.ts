import { expect, it } from 'vitest';
import type { EnvGetter } from './defineConformanceSuite.ts';

export function namespaceChecks(env: EnvGetter): void {
  it('swaps a rebuilt collection in with renameCollection dropTarget', async () => {
    const live = env().collection();
    const rebuilt = env().collection();
    await live.insertMany([{ _id: 1, v: 'old' }]);
    await live.createIndex({ v: 1 });
    await rebuilt.insertMany([
      { _id: 1, v: 'new' },
      { _id: 2, v: 'new' },
    ]);
    await rebuilt.createIndex({ v: 1 }, { name: 'v_new' });
    await expect(rebuilt.rename(live.collectionName)).rejects.toMatchObject({ code: 48 });
    await rebuilt.rename(live.collectionName, { dropTarget: true });
    expect(
      await env()
        .db.collection(live.collectionName)
        .find({}, { sort: { _id: 1 } })
        .toArray(),
    ).toEqual([
      { _id: 1, v: 'new' },
      { _id: 2, v: 'new' },
    ]);
    expect((await env().db.collection(live.collectionName).indexes()).map((i) => i.name)).toEqual(['_id_', 'v_new']);
    const names = (await env().db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toContain(live.collectionName);
    expect(names).not.toContain(rebuilt.collectionName);
    await expect(env().db.collection('never-existed').rename('whatever')).rejects.toMatchObject({ code: 26 });
  });

  it('lists, creates and drops collections and databases', async () => {
    const { client, db } = env();
    const c = env().collection();
    await c.insertOne({ x: 1 });
    const created = await db.createCollection(`${c.collectionName}_explicit`);
    expect(created.collectionName).toBe(`${c.collectionName}_explicit`);
    // MongoDB 7.0 made `create` idempotent for identical options.
    expect((await db.createCollection(c.collectionName)).collectionName).toBe(c.collectionName);
    const listed = await db.listCollections({ name: c.collectionName }).toArray();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ name: c.collectionName, type: 'collection' });
    expect(await c.drop()).toBe(true);
    expect(await db.listCollections({ name: c.collectionName }).toArray()).toEqual([]);
    await db
      .collection('never-existed-either')
      .drop()
      .catch(() => undefined);

    const other = client.db(`${db.databaseName}_other`);
    await other.collection('x').insertOne({ y: 1 });
    const { databases } = await client.db('admin').admin().listDatabases();
    expect(databases.map((d) => d.name)).toContain(`${db.databaseName}_other`);
    expect(await other.dropDatabase()).toBe(true);
    const after = await client.db('admin').admin().listDatabases({ nameOnly: true });
    expect(after.databases.map((d) => d.name)).not.toContain(`${db.databaseName}_other`);
  });
}
