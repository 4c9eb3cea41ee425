import fs from 'node:fs';

/** A document write as stored: the BSON image of a put, or a delete. */
export type JournalRecord = { kind: 'put'; cid: number; key: string; bson: Uint8Array } | { kind: 'delete'; cid: number; key: string };

const headerBytes = 4 + 1 + 4 + 4;

/**
 * An append-only file of document writes. Appending one command's writes is a
 * single write(2), which is all it takes to survive kill -9 (the data is in the
 * OS page cache); an SQLite commit per command costs several times more. The
 * records are folded into SQLite in large batches and the file is emptied.
 * Replaying is idempotent: records are whole document images and deletes.
 */
export class WriteJournal {
  private readonly fd: number;

  constructor(private readonly file: string) {
    this.fd = fs.openSync(file, 'a+');
  }

  append(records: readonly JournalRecord[]): void {
    const parts: Uint8Array[] = [];
    for (const record of records) {
      const key = Buffer.from(record.key, 'utf8');
      const body = record.kind === 'put' ? record.bson : undefined;
      const header = Buffer.alloc(headerBytes);
      header.writeUInt32LE(headerBytes + key.length + (body?.length ?? 0), 0);
      header.writeUInt8(record.kind === 'put' ? 1 : 2, 4);
      header.writeUInt32LE(record.cid, 5);
      header.writeUInt32LE(key.length, 9);
      parts.push(header, key);
      if (body) parts.push(body);
    }
    const buffer = Buffer.concat(parts);
    let written = 0;
    while (written < buffer.length) written += fs.writeSync(this.fd, buffer, written);
  }

  /** Forces appended records to the disk, not just to the OS: survives power loss too. */
  sync(): void {
    fs.fsyncSync(this.fd);
  }

  /** Every complete record; a torn tail (a write cut short by a crash, never acknowledged) is dropped. */
  readAll(): JournalRecord[] {
    const data = fs.readFileSync(this.file);
    const records: JournalRecord[] = [];
    let at = 0;
    while (at + headerBytes <= data.length) {
      const length = data.readUInt32LE(at);
      if (length < headerBytes || at + length > data.length) break;
      const kind = data.readUInt8(at + 4);
      const cid = data.readUInt32LE(at + 5);
      const keyEnd = at + headerBytes + data.readUInt32LE(at + 9);
      const key = data.toString('utf8', at + headerBytes, keyEnd);
      if (kind === 1) records.push({ kind: 'put', cid, key, bson: Buffer.from(data.subarray(keyEnd, at + length)) });
      else records.push({ kind: 'delete', cid, key });
      at += length;
    }
    return records;
  }

  reset(): void {
    fs.ftruncateSync(this.fd, 0);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
