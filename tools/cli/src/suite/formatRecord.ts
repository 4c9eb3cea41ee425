/** One record as a readable line: where, what, and its data. */
export interface PrintableRecord {
  readonly streamName: string;
  readonly revision: bigint;
  readonly type: string;
  readonly position?: { commit: bigint } | undefined;
  readonly created: Date;
  readonly data: unknown;
  readonly metadata: unknown;
}

const replacer = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? `<${v.length} bytes>` : v);

export function formatRecord(r: PrintableRecord, options: { json?: boolean; metadata?: boolean } = {}): string {
  if (options.json) {
    return JSON.stringify(
      { stream: r.streamName, revision: r.revision, type: r.type, position: r.position?.commit, created: r.created, data: r.data, metadata: r.metadata },
      replacer,
    );
  }
  const where = `${r.streamName}@${r.revision}`;
  const at = r.created.toISOString().replace('T', ' ').replace('Z', '');
  const meta = options.metadata ? `  ${JSON.stringify(r.metadata, replacer)}` : '';
  return `${at}  ${where.padEnd(60)}  ${r.type.padEnd(26)}  ${JSON.stringify(r.data, replacer)}${meta}`;
}
