import { describe, expect, it } from 'vitest';
import { FrameDecoder } from './FrameDecoder.ts';

const frame = (body: string, flag = 0) => {
  const bytes = Buffer.from(body);
  const head = Buffer.alloc(5);
  head[0] = flag;
  head.writeUInt32BE(bytes.length, 1);
  return Buffer.concat([head, bytes]);
};

describe('FrameDecoder', () => {
  it('splits several messages arriving in one chunk', () => {
    const decoder = new FrameDecoder(1024);
    const messages = decoder.push(Buffer.concat([frame('one'), frame(''), frame('three')]));
    expect(Array.isArray(messages) && messages.map(String)).toEqual(['one', '', 'three']);
  });

  it('keeps partial headers and bodies until the rest arrives, byte by byte', () => {
    const decoder = new FrameDecoder(1024);
    const bytes = Buffer.concat([frame('hello'), frame('world!')]);
    const seen: string[] = [];
    for (let i = 0; i < bytes.length; i += 1) {
      const messages = decoder.push(bytes.subarray(i, i + 1));
      if (!Array.isArray(messages)) throw new Error(messages.kind);
      seen.push(...messages.map(String));
      if (i < 9) expect(seen).toEqual([]);
    }
    expect(seen).toEqual(['hello', 'world!']);
  });

  it('counts the bytes it holds for an incomplete message, and drops them when cleared', () => {
    const decoder = new FrameDecoder(1024);
    const bytes = Buffer.concat([frame('done'), frame('partial')]);
    decoder.push(bytes.subarray(0, bytes.length - 3));
    expect(decoder.pending).toBe(5 + 'partial'.length - 3);
    decoder.clear();
    expect(decoder.pending).toBe(0);
    expect(decoder.push(frame('next'))).toEqual([Buffer.from('next')]);
  });

  it('refuses compressed messages (no encoding is advertised)', () => {
    expect(new FrameDecoder(1024).push(frame('x', 1))).toEqual({ kind: 'compressed' });
  });

  it('refuses a message over the limit from its header alone', () => {
    expect(new FrameDecoder(4).push(frame('too long').subarray(0, 6))).toEqual({ kind: 'too-large', length: 8 });
  });
});
