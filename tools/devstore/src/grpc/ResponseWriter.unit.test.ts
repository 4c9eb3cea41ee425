import { EventEmitter } from 'node:events';
import type { GrpcCall } from './GrpcCall.ts';
import { expect, it } from 'vitest';
import { ResponseWriter } from './ResponseWriter.ts';

/** A stand-in for a call whose HTTP/2 stream buffer is full until we say so. */
class FullStream extends EventEmitter {
  cancelled = false;
  written: unknown[] = [];
  write(message: unknown): boolean {
    this.written.push(message);
    return false;
  }
  end(): void {}
  fail(): void {}
}

const writerOn = (call: FullStream) => new ResponseWriter(call as unknown as GrpcCall);

it('waits for the client to drain before writing more', async () => {
  const call = new FullStream();
  const writer = writerOn(call);
  let done = false;
  const pending = writer.write({ n: 1 }).then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  expect(done).toBe(false);
  call.emit('drain');
  await pending;
  expect(done).toBe(true);
});

it('stops waiting when the client goes away', async () => {
  const call = new FullStream();
  const writer = writerOn(call);
  const pending = writer.write({ n: 1 });
  call.emit('cancelled');
  await pending;
  expect(writer.isCancelled).toBe(true);
  await writer.write({ n: 2 });
  expect(call.written).toHaveLength(1);
});

it('leaves nothing behind after many waits, so a long-lived subscription does not grow', async () => {
  const call = new FullStream();
  const writer = writerOn(call);
  for (let i = 0; i < 1000; i += 1) {
    const pending = writer.write({ n: i });
    call.emit('drain');
    await pending;
    await writer.until(Promise.resolve());
  }
  expect(writer.waiting).toBe(0);
  expect(call.listenerCount('drain')).toBe(0);
});
