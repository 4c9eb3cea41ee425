import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import http2 from 'node:http2';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevStore, type DevStore } from './startDevStore.ts';

// Raw gRPC against the embedded store with our own .proto files: the bad
// input and wire details the official clients never send or never show.

type Callback = (error: grpc.ServiceError | null, response: Record<string, unknown>) => void;
interface RawClient extends grpc.Client {
  Append(callback: Callback): grpc.ClientWritableStream<object>;
  BatchAppend(): grpc.ClientDuplexStream<object, Record<string, unknown>>;
  Read(request: object): grpc.ClientReadableStream<Record<string, unknown>>;
  GetSupportedMethods(request: object, callback: Callback): void;
}

const protoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../proto');
const definition = protoLoader.loadSync(['streams.proto', 'serverfeatures.proto'], {
  keepCase: true,
  longs: String,
  enums: String,
  bytes: Buffer,
  oneofs: true,
  includeDirs: [protoDir],
});
const loaded = grpc.loadPackageDefinition(definition) as unknown as {
  event_store: { client: { streams: { Streams: grpc.ServiceClientConstructor }; server_features: { ServerFeatures: grpc.ServiceClientConstructor } } };
};

let store: DevStore;
let streams: RawClient;
let features: RawClient;

beforeAll(async () => {
  store = await startDevStore();
  const address = `127.0.0.1:${store.port}`;
  streams = new loaded.event_store.client.streams.Streams(address, grpc.credentials.createInsecure()) as unknown as RawClient;
  features = new loaded.event_store.client.server_features.ServerFeatures(address, grpc.credentials.createInsecure()) as unknown as RawClient;
});

afterAll(async () => {
  streams.close();
  features.close();
  await store.close();
});

const name = (s: string) => ({ stream_name: Buffer.from(s) });
const proposed = (id: object, type = 'T') => ({ proposed_message: { id, metadata: { type, 'content-type': 'application/json' }, data: Buffer.from('{}') } });

function append(messages: object[]): Promise<{ error: grpc.ServiceError | null; response: Record<string, unknown> }> {
  return new Promise((resolve) => {
    const call = streams.Append((error, response) => resolve({ error, response }));
    for (const message of messages) call.write(message);
    call.end();
  });
}

function read(options: object): Promise<{ messages: Record<string, unknown>[]; status: grpc.StatusObject | undefined; error: grpc.ServiceError | undefined }> {
  return new Promise((resolve) => {
    const messages: Record<string, unknown>[] = [];
    let status: grpc.StatusObject | undefined;
    const call = streams.Read({ options });
    call.on('data', (m: Record<string, unknown>) => messages.push(m));
    call.on('status', (s: grpc.StatusObject) => (status = s));
    call.on('error', (error: grpc.ServiceError) => resolve({ messages, status, error }));
    call.on('end', () => setImmediate(() => resolve({ messages, status, error: undefined })));
  });
}

const readStream = (stream: string, uuid: 'string' | 'structured' = 'string') =>
  read({ stream: { stream_identifier: name(stream), start: {} }, count: '100', no_filter: {}, uuid_option: { [uuid]: {} } });

describe('server features', () => {
  it('advertises a real-looking server version and BatchAppend', async () => {
    const response = await new Promise<Record<string, unknown>>((resolve, reject) => features.GetSupportedMethods({}, (e, r) => (e ? reject(e) : resolve(r))));
    expect(response['event_store_server_version']).toBe('24.10.0');
    expect(response['methods']).toContainEqual(expect.objectContaining({ method_name: 'batchappend', service_name: 'event_store.client.streams.streams' }));
  });
});

describe('reads', () => {
  it('answers a missing stream with one stream_not_found message, then OK', async () => {
    const result = await readStream(`raw-missing-${crypto.randomUUID()}`);
    expect(result.error).toBeUndefined();
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]?.['content']).toBe('stream_not_found');
    expect(result.status?.code).toBe(grpc.status.OK);
  });
});

describe('bad input writes nothing', () => {
  it('refuses events before options', async () => {
    const stream = `raw-order-${crypto.randomUUID()}`;
    const { error } = await append([proposed({ string: crypto.randomUUID() }), { options: { stream_identifier: name(stream), any: {} } }]);
    expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect((await readStream(stream)).messages[0]?.['content']).toBe('stream_not_found');
  });

  it('refuses an invalid event id, even after valid events', async () => {
    const stream = `raw-badid-${crypto.randomUUID()}`;
    const { error } = await append([
      { options: { stream_identifier: name(stream), any: {} } },
      proposed({ string: crypto.randomUUID() }),
      proposed({ string: 'nope' }),
    ]);
    expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect((await readStream(stream)).messages[0]?.['content']).toBe('stream_not_found');
  });

  it('refuses an empty stream name', async () => {
    const { error } = await append([{ options: { stream_identifier: name(''), any: {} } }, proposed({ string: crypto.randomUUID() })]);
    expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('refuses events without type or content type, naming the missing properties', async () => {
    const stream = `raw-meta-${crypto.randomUUID()}`;
    const { error } = await append([
      { options: { stream_identifier: name(stream), any: {} } },
      { proposed_message: { id: { string: crypto.randomUUID() }, metadata: {}, data: Buffer.from('{}') } },
    ]);
    expect(error?.metadata.get('exception')).toEqual(['missing-required-metadata-property']);
    expect((await readStream(stream)).messages[0]?.['content']).toBe('stream_not_found');
  });

  it('refuses an append over 1 MiB on the unary Append path with the typed trailer', async () => {
    const stream = `raw-big-${crypto.randomUUID()}`;
    const big = {
      proposed_message: {
        id: { string: crypto.randomUUID() },
        metadata: { type: 'T', 'content-type': 'application/octet-stream' },
        data: Buffer.alloc(1024 * 1024 + 1),
      },
    };
    const { error } = await append([{ options: { stream_identifier: name(stream), any: {} } }, big]);
    expect(error?.metadata.get('exception')).toEqual(['maximum-append-size-exceeded']);
    expect(error?.metadata.get('maximum-append-size')).toEqual(['1048576']);
    expect((await readStream(stream)).messages[0]?.['content']).toBe('stream_not_found');
  });

  it('gives the typed error, not a transport failure, for one event several MiB large', async () => {
    const stream = `raw-huge-${crypto.randomUUID()}`;
    const huge = {
      proposed_message: {
        id: { string: crypto.randomUUID() },
        metadata: { type: 'T', 'content-type': 'application/octet-stream' },
        data: Buffer.alloc(6 * 1024 * 1024),
      },
    };
    const { error } = await append([{ options: { stream_identifier: name(stream), any: {} } }, huge]);
    expect(error?.metadata.get('exception')).toEqual(['maximum-append-size-exceeded']);
  });
});

describe('flow control', () => {
  it('stops reading the log for a subscriber that stops reading, and resumes without loss', async () => {
    const stream = `raw-flow-${crypto.randomUUID()}`;
    const call = streams.Read({
      options: { stream: { stream_identifier: name(stream), start: {} }, subscription: {}, no_filter: {}, uuid_option: { string: {} } },
    });
    const received: Record<string, unknown>[] = [];
    call.on('error', () => undefined); // the cancel at the end
    await new Promise<void>((resolve) => call.once('data', () => resolve()));
    call.on('data', (m: Record<string, unknown>) => {
      if (m['content'] === 'event') received.push(m);
    });
    call.pause();
    const before = store.stats().eventsRead;
    const total = 5000;
    const message = () => ({
      proposed_message: { id: { string: crypto.randomUUID() }, metadata: { type: 'T', 'content-type': 'application/json' }, data: Buffer.alloc(1000, 32) },
    });
    for (let i = 0; i < total / 500; i += 1) {
      const { error } = await append([{ options: { stream_identifier: name(stream), any: {} } }, ...Array.from({ length: 500 }, message)]);
      expect(error).toBeNull();
    }
    // Give a misbehaving server every chance to read ahead (not a timing assertion).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const readWhilePaused = store.stats().eventsRead - before;
    expect(readWhilePaused).toBeLessThan(total);
    call.resume();
    while (received.length < total) await new Promise((resolve) => setTimeout(resolve, 20));
    const revisions = received.map((m) => Number((m as { event: { event: { stream_revision: string } } }).event.event.stream_revision ?? 0));
    expect(revisions).toEqual(Array.from({ length: total }, (_, i) => i));
    call.cancel();
  });
});

describe('wire details', () => {
  it('accepts structured UUIDs and returns ids in the form the reader asks for', async () => {
    const stream = `raw-uuid-${crypto.randomUUID()}`;
    const structured = { structured: { most_significant_bits: '-1', least_significant_bits: '81985529216486895' } };
    const { error } = await append([{ options: { stream_identifier: name(stream), no_stream: {} } }, proposed(structured)]);
    expect(error).toBeNull();
    const asString = (await readStream(stream)).messages[0] as { event: { event: { id: { string: string } } } };
    expect(asString.event.event.id.string).toBe('ffffffff-ffff-ffff-0123-456789abcdef');
    const asStructured = (await readStream(stream, 'structured')).messages[0] as { event: { event: { id: typeof structured } } };
    expect(asStructured.event.event.id.structured).toEqual(structured.structured);
  });

  it('reports a wrong expected version on Append as a normal response with both revisions', async () => {
    const stream = `raw-wev-${crypto.randomUUID()}`;
    await append([{ options: { stream_identifier: name(stream), any: {} } }, proposed({ string: crypto.randomUUID() })]);
    const { error, response } = await append([{ options: { stream_identifier: name(stream), revision: '5' } }, proposed({ string: crypto.randomUUID() })]);
    expect(error).toBeNull();
    expect(response['wrong_expected_version']).toMatchObject({ current_revision: '0', expected_revision: '5', current_revision_20_6_0: '0' });
  });

  it('echoes the correlation id of every BatchAppend answer, with a typed error detail', async () => {
    const stream = `raw-batch-${crypto.randomUUID()}`;
    const call = streams.BatchAppend();
    const answers: Record<string, unknown>[] = [];
    const done = new Promise<void>((resolve) => call.on('end', resolve));
    call.on('data', (m: Record<string, unknown>) => answers.push(m));
    const ok = crypto.randomUUID();
    const wrong = crypto.randomUUID();
    const message = (id: object) => ({ id, metadata: { type: 'T', 'content-type': 'application/json' }, data: Buffer.from('{}') });
    call.write({
      correlation_id: { string: ok },
      options: { stream_identifier: name(stream), no_stream: {} },
      proposed_messages: [message({ string: crypto.randomUUID() })],
      is_final: false,
    });
    call.write({ correlation_id: { string: ok }, proposed_messages: [message({ string: crypto.randomUUID() })], is_final: true });
    call.write({
      correlation_id: { string: wrong },
      options: { stream_identifier: name(stream), stream_position: '7' },
      proposed_messages: [message({ string: crypto.randomUUID() })],
      is_final: true,
    });
    call.end();
    await done;
    const byId = new Map(answers.map((a) => [(a['correlation_id'] as { string: string }).string, a]));
    expect(byId.get(ok)).toMatchObject({ success: { current_revision: '1' } });
    const failure = byId.get(wrong) as { error: { details: { type_url: string } } };
    expect(failure.error.details.type_url).toBe('type.googleapis.com/event_store.client.WrongExpectedVersion');
  });
});

describe('transport', () => {
  function rawCall(path: string, body: Buffer): Promise<{ headers: http2.IncomingHttpHeaders; trailers: http2.IncomingHttpHeaders }> {
    return new Promise((resolve, reject) => {
      const session = http2.connect(`http://127.0.0.1:${store.port}`);
      session.on('error', reject);
      const request = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers' });
      let headers: http2.IncomingHttpHeaders = {};
      let trailers: http2.IncomingHttpHeaders = {};
      request.on('response', (h) => (headers = h));
      request.on('trailers', (t) => (trailers = t));
      request.on('data', () => undefined);
      request.on('end', () => {
        session.close();
        resolve({ headers, trailers });
      });
      request.end(body);
    });
  }

  it('answers a method it does not serve with UNIMPLEMENTED, in a trailers-only response', async () => {
    const { headers } = await rawCall('/event_store.client.persistent_subscriptions.PersistentSubscriptions/Read', Buffer.from([0, 0, 0, 0, 0]));
    expect(headers['grpc-status']).toBe(String(grpc.status.UNIMPLEMENTED));
    expect(headers['grpc-message']).toContain('PersistentSubscriptions/Read');
  });

  it('refuses a compressed request message, writing nothing', async () => {
    const before = await read({ all: { start: {} }, read_direction: 'Backwards', count: '1', no_filter: {}, uuid_option: { string: {} } });
    const { headers } = await rawCall('/event_store.client.streams.Streams/Append', Buffer.from([1, 0, 0, 0, 1, 0]));
    expect(headers['grpc-status']).toBe(String(grpc.status.UNIMPLEMENTED));
    expect(headers['grpc-message']).toMatch(/Compressed/);
    const after = await read({ all: { start: {} }, read_direction: 'Backwards', count: '1', no_filter: {}, uuid_option: { string: {} } });
    expect(after.messages).toEqual(before.messages);
  });

  it('answers a request it cannot decode with INTERNAL and the reason', async () => {
    // Field 1 (options) announced as 100 bytes long with only 2 present.
    const { headers } = await rawCall('/event_store.client.streams.Streams/Delete', Buffer.from([0, 0, 0, 0, 4, 0x0a, 100, 1, 2]));
    expect(headers['grpc-status']).toBe(String(grpc.status.INTERNAL));
    expect(decodeURIComponent(String(headers['grpc-message']))).toMatch(/deserializing/);
  });
});
