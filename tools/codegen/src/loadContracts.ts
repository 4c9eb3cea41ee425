import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CausewayError } from '@causeway/errors';
import { bundleSchema } from './bundleSchema.ts';
import type { ContractKind, ContractSource, JsonSchema } from './ContractSource.ts';

const SCHEMA_FILE = /^([A-Z][A-Za-z0-9]*)\.v([1-9][0-9]*)\.schema\.json$/;
const KIND_FOLDERS: Record<string, ContractKind> = { commands: 'command', events: 'event' };
/** Folders of the contracts root that are not contexts. */
export const NON_CONTEXT_FOLDERS = new Set(['shared', 'generated', 'src', 'node_modules', 'dist', 'envelope']);

/** A file that sits where no contract may: reported by the naming check. */
export interface StrayFile {
  readonly file: string;
  readonly reason: string;
}

export interface LoadedContracts {
  readonly root: string;
  readonly contracts: readonly ContractSource[];
  readonly strays: readonly StrayFile[];
}

/**
 * Reads every schema under `<root>/<context>/<commands|events>/` and
 * `<root>/envelope/`, sorted by id so every later step is deterministic.
 */
export function loadContracts(root: string): LoadedContracts {
  if (!existsSync(root)) throw new CausewayError('USAGE', `contracts folder not found: ${root}`);
  const contracts: ContractSource[] = [];
  const strays: StrayFile[] = [];
  const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');

  const readSchema = (file: string, kind: ContractKind, context: string) => {
    const name = path.basename(file);
    const match = SCHEMA_FILE.exec(name);
    if (!match) {
      if (name.endsWith('.upcast.ts')) return;
      strays.push({ file: rel(file), reason: 'file name must be <Type>.v<N>.schema.json (or <Type>.v<N>.upcast.ts)' });
      return;
    }
    let schema: JsonSchema;
    try {
      schema = JSON.parse(readFileSync(file, 'utf8')) as JsonSchema;
    } catch (error) {
      throw new CausewayError('CONTRACT_INVALID', `${rel(file)}: not valid JSON (${(error as Error).message})`, { file: rel(file) });
    }
    const type = match[1] as string;
    const version = Number(match[2]);
    const upcaster = file.replace(/\.schema\.json$/, '.upcast.ts');
    contracts.push({
      id: `${context}/${type}@${version}`,
      type,
      version,
      kind,
      context,
      file: rel(file),
      schema,
      bundled: bundleSchema(schema, file, rel(file)),
      ...(existsSync(upcaster) ? { upcasterFile: rel(upcaster) } : {}),
    });
  };

  for (const entry of readdirSync(root).sort()) {
    const dir = path.join(root, entry);
    if (!statSync(dir).isDirectory() || entry.startsWith('.')) continue;
    if (entry === 'envelope') {
      for (const file of readdirSync(dir).sort()) readSchema(path.join(dir, file), 'envelope', 'envelope');
      continue;
    }
    if (NON_CONTEXT_FOLDERS.has(entry)) continue;
    for (const sub of readdirSync(dir).sort()) {
      const subDir = path.join(dir, sub);
      const kind = KIND_FOLDERS[sub];
      if (!statSync(subDir).isDirectory() || kind === undefined) {
        strays.push({ file: rel(subDir), reason: 'a context folder holds only commands/ and events/' });
        continue;
      }
      for (const file of readdirSync(subDir).sort()) readSchema(path.join(subDir, file), kind, entry);
    }
  }
  contracts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { root, contracts, strays };
}

/** The latest version of each type: what producers write and types alias. */
export function latestVersions(contracts: readonly ContractSource[]): Map<string, ContractSource> {
  const latest = new Map<string, ContractSource>();
  for (const c of contracts) {
    const seen = latest.get(c.type);
    if (!seen || seen.version < c.version) latest.set(c.type, c);
  }
  return latest;
}
