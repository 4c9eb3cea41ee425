import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient, type HttpResult } from './testing/httpClient.ts';
import { startTestSuite, type TestSuite } from './testing/startTestSuite.ts';

let suite: TestSuite;
let http: ReturnType<typeof httpClient>;
let token: string;
beforeAll(async () => {
  suite = await startTestSuite();
  http = httpClient(suite.url);
  ({ token } = await suite.register());
});
afterAll(() => suite?.stop());

interface Created {
  commandId: string;
  position: string;
  stream: string;
  documentId: string;
}
interface Doc {
  id: string;
  collection: string;
  version: number;
  content: Record<string, unknown>;
}

/** Polls GET until the document is at `version`. */
async function documentAt(collection: string, id: string, version: number): Promise<HttpResult<Doc>> {
  let last: HttpResult<Doc> | undefined;
  await expect
    .poll(async () => {
      last = await http<Doc>(`/documents/${collection}/${id}`, { token });
      return last.body?.version;
    })
    .toBe(version);
  return last as HttpResult<Doc>;
}

async function create(collection: string, content: Record<string, unknown>): Promise<Created> {
  const res = await http<Created>(`/documents/${collection}`, { token, json: content });
  expect(res.status).toBe(202);
  await documentAt(collection, res.body.documentId, 1);
  return res.body;
}

const statusOf = async (commandId: string, until: readonly string[]) => {
  let status = '';
  await expect
    .poll(async () => {
      status = (await http<{ status: string }>(`/commands/${commandId}`, { token })).body?.status;
      return until.includes(status);
    })
    .toBe(true);
  return status;
};

describe('documents', () => {
  it('POST creates (202 with the document id), GET returns it with its ETag, the list shows it', async () => {
    const res = await http<Created>('/documents/lots', { token, json: { title: 'Brass telescope', tags: ['optics'] } });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/documents/lots/${res.body.documentId}`);
    expect(res.body.stream).toBe(`document:command-${res.body.documentId}`);
    const got = await documentAt('lots', res.body.documentId, 1);
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe('"1"');
    expect(got.body).toEqual({ id: res.body.documentId, collection: 'lots', version: 1, content: { title: 'Brass telescope', tags: ['optics'] } });
    const list = await http<{ items: Doc[]; next: string | null }>('/documents/lots', { token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((d) => d.id)).toContain(res.body.documentId);
    expect((await http<{ items: Doc[] }>('/documents/elsewhere', { token })).body.items).toEqual([]);
  });

  it('lists page by page', async () => {
    const collection = `page${randomUUID().slice(0, 8)}`;
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await create(collection, { i })).documentId);
    const first = await http<{ items: Doc[]; next: string | null }>(`/documents/${collection}?limit=2`, { token });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.next).not.toBeNull();
    const second = await http<{ items: Doc[]; next: string | null }>(`/documents/${collection}?limit=2&after=${first.body.next}`, { token });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.next).toBeNull();
    expect([...first.body.items, ...second.body.items].map((d) => d.id).sort()).toEqual(ids.sort());
    expect((await http(`/documents/${collection}?limit=0`, { token })).status).toBe(400);
  });

  it('PATCH applies a JSON Patch at the If-Match version; PUT replaces; DELETE deletes, then GET is 404', async () => {
    const { documentId } = await create('lots', { title: 'Lamp' });
    const patch = await http('/documents/lots/' + documentId, {
      method: 'PATCH',
      token,
      raw: JSON.stringify([{ op: 'add', path: '/year', value: 1890 }]),
      headers: { 'content-type': 'application/json-patch+json', 'if-match': '"1"' },
    });
    expect(patch.status).toBe(202);
    expect((await documentAt('lots', documentId, 2)).body.content).toEqual({ title: 'Lamp', year: 1890 });
    const put = await http(`/documents/lots/${documentId}`, { method: 'PUT', token, json: { title: 'Oil lamp' }, headers: { 'if-match': '2' } });
    expect(put.status).toBe(202);
    expect((await documentAt('lots', documentId, 3)).body.content).toEqual({ title: 'Oil lamp' });
    const del = await http(`/documents/lots/${documentId}`, { method: 'DELETE', token, headers: { 'if-match': '"3"' } });
    expect(del.status).toBe(202);
    await expect.poll(async () => (await http(`/documents/lots/${documentId}`, { token })).status).toBe(404);
    expect((await http<{ items: Doc[] }>('/documents/lots', { token })).body.items.map((d) => d.id)).not.toContain(documentId);
    // Writing to a deleted document is 404, and writes nothing.
    const before = (await suite.read(`document:command-${documentId}`)).length;
    expect((await http(`/documents/lots/${documentId}`, { method: 'PUT', token, json: { title: 'again' }, headers: { 'if-match': '4' } })).status).toBe(404);
    expect((await suite.read(`document:command-${documentId}`)).length).toBe(before);
  });

  it('answers 428 without If-Match, 412 for a stale one, 404 for an unknown document or another collection, and writes nothing', async () => {
    const { documentId } = await create('lots', { title: 'Clock' });
    const stream = `document:command-${documentId}`;
    const before = (await suite.read(stream)).length;
    const patch = [{ op: 'replace', path: '/title', value: 'Wall clock' }];
    const missing = await http(`/documents/lots/${documentId}`, { method: 'PATCH', token, json: patch });
    expect(missing.status).toBe(428);
    expect(missing.body).toMatchObject({ code: 'PRECONDITION_REQUIRED', status: 428 });
    expect((await http(`/documents/lots/${documentId}`, { method: 'DELETE', token })).status).toBe(428);
    expect((await http(`/documents/lots/${documentId}`, { method: 'PUT', token, json: { a: 1 } })).status).toBe(428);
    const stale = await http(`/documents/lots/${documentId}`, { method: 'PATCH', token, json: patch, headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', expectedVersion: 7, actualVersion: 1 });
    expect((await http(`/documents/lots/${documentId}`, { method: 'DELETE', token, headers: { 'if-match': '2' } })).status).toBe(412);
    expect((await http(`/documents/notes/${documentId}`, { method: 'PATCH', token, json: patch, headers: { 'if-match': '1' } })).status).toBe(404);
    expect((await http(`/documents/lots/${randomUUID()}`, { method: 'PATCH', token, json: patch, headers: { 'if-match': '1' } })).status).toBe(404);
    expect((await http(`/documents/notes/${documentId}`, { token })).status).toBe(404);
    expect((await http(`/documents/lots/${randomUUID()}`, { token })).status).toBe(404);
    expect((await suite.read(stream)).length).toBe(before);
  });

  it('answers 400 for content that is not an object, a malformed patch or bad collection name, and writes nothing', async () => {
    const { documentId } = await create('lots', { title: 'Vase' });
    const stream = `document:command-${documentId}`;
    const before = (await suite.read(stream)).length;
    const badPatch = await http<{ issues: unknown[] }>(`/documents/lots/${documentId}`, {
      method: 'PATCH',
      token,
      json: [{ op: 'explode', path: 3 }],
      headers: { 'if-match': '1' },
    });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.issues.length).toBeGreaterThan(0);
    expect((await http(`/documents/lots/${documentId}`, { method: 'PUT', token, json: [1], headers: { 'if-match': '1' } })).status).toBe(400);
    expect((await http(`/documents/lots/${documentId}`, { method: 'PATCH', token, raw: '[{"op":', headers: { 'if-match': '1' } })).status).toBe(400);
    expect((await suite.read(stream)).length).toBe(before);
    const notObject = await http('/documents/lots', { token, json: 'just a string' });
    expect(notObject.status).toBe(400);
    const badName = await http('/documents/Not%20A%20Name', { token, json: { a: 1 } });
    expect(badName.status).toBe(400);
  });

  it('answers 400 for content MongoDB cannot store (a NUL byte in a key, at any depth, or nesting past the limit) and keeps serving', async () => {
    const bad = [{ '\u0000k': 1 }, { a: { b: [{ 'x\u0000': true }] } }, JSON.parse(`{"x":${'['.repeat(63)}${']'.repeat(63)}}`)];
    for (const content of bad) {
      const res = await http<{ code: string; issues: { message: string }[] }>('/documents/lots', { token, json: content });
      expect(res.status, JSON.stringify(content).slice(0, 40)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.issues[0]?.message).toMatch(/NUL byte|nests deeper than 64 levels/);
    }
    // 20,000 levels once crashed the gateway inside the event store client: refused before parsing now.
    const deep = await http('/documents/lots', { token, raw: `{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}` });
    expect(deep.status).toBe(400);
    const { documentId } = await create('lots', { title: 'Still here' });
    const patched = await http(`/documents/lots/${documentId}`, {
      method: 'PATCH',
      token,
      json: [{ op: 'add', path: '/\u0000k', value: 1 }],
      headers: { 'if-match': '1' },
    });
    expect(patched.status).toBe(202);
    expect(await statusOf((patched.body as { commandId: string }).commandId, ['SUCCEEDED', 'REJECTED', 'FAILED'])).toBe('REJECTED');
    expect((await documentAt('lots', documentId, 1)).body.content).toEqual({ title: 'Still here' });
  });

  it("answers 413, not 500, for a body under the request limit whose command exceeds the store's append limit, and writes nothing", async () => {
    const content = { blob: 'x'.repeat(1024 * 1024 - 200) };
    const res = await http('/documents/lots', { token, json: content });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('takes Idempotency-Key on create: a repeat answers the same and creates nothing more', async () => {
    const key = randomUUID();
    const first = await http<Created>('/documents/lots', { token, json: { title: 'Globe' }, headers: { 'idempotency-key': key } });
    const again = await http<Created>('/documents/lots', { token, json: { title: 'Globe' }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(await suite.read(first.body.stream)).toHaveLength(1);
  });

  it('a keyed PATCH, PUT or DELETE retried after it was applied (a lost response) answers the first 202 again and writes nothing', async () => {
    const { documentId } = await create('lots', { title: 'Lamp' });
    const stream = `document:command-${documentId}`;
    const steps = [
      { method: 'PATCH', json: [{ op: 'replace', path: '/title', value: 'Desk lamp' }], version: 1 },
      { method: 'PUT', json: { title: 'Floor lamp' }, version: 2 },
      { method: 'DELETE', json: undefined, version: 3 },
    ];
    for (const step of steps) {
      const headers = { 'if-match': String(step.version), 'idempotency-key': randomUUID() };
      const request = { method: step.method, token, headers, ...(step.json === undefined ? {} : { json: step.json }) };
      const first = await http<Created>(`/documents/lots/${documentId}`, request);
      expect(first.status, step.method).toBe(202);
      // Applied: the document has moved past the version the retry names.
      await expect.poll(async () => (await statusOf(first.body.commandId, ['SUCCEEDED', 'REJECTED', 'FAILED'])) === 'SUCCEEDED').toBe(true);
      const before = (await suite.read(stream)).length;
      const retry = await http<Created>(`/documents/lots/${documentId}`, request);
      expect(retry.status, `${step.method} retried`).toBe(202);
      expect(retry.body).toEqual(first.body);
      expect((await suite.read(stream)).length).toBe(before);
    }
  });

  it('a write that passes If-Match but loses the race is REJECTED by the component (VERSION_MISMATCH)', async () => {
    const { documentId } = await create('lots', { title: 'Chair' });
    await suite.pause('component:documents');
    try {
      const send = (title: string) => http<Created>(`/documents/lots/${documentId}`, { method: 'PUT', token, json: { title }, headers: { 'if-match': '1' } });
      const first = await send('Armchair');
      const second = await send('Rocking chair');
      expect([first.status, second.status]).toEqual([202, 202]);
      await suite.resume('component:documents');
      expect(await statusOf(first.body.commandId, ['SUCCEEDED', 'REJECTED'])).toBe('SUCCEEDED');
      expect(await statusOf(second.body.commandId, ['SUCCEEDED', 'REJECTED'])).toBe('REJECTED');
      expect((await documentAt('lots', documentId, 2)).body.content).toEqual({ title: 'Armchair' });
    } finally {
      await suite.resume('component:documents');
    }
  });
});
