import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ContractSource } from './ContractSource.ts';
import { generateGo } from './generateGo.ts';
import { generatePython } from './generatePython.ts';
import { generateRegistry } from './generateRegistry.ts';
import { generateTypeScript } from './generateTypeScript.ts';
import { generateValidators } from './generateValidators.ts';

export const GENERATED_DIR = 'generated';

/** Every generated file, by path relative to `<contracts>/generated`. Pure: same input, same bytes. */
export async function renderGenerated(contracts: readonly ContractSource[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [f, text] of await generateTypeScript(contracts)) files.set(f, text);
  const validators = generateValidators(contracts);
  files.set('validators.js', validators.js);
  files.set('validators.d.ts', validators.dts);
  files.set('registry.ts', generateRegistry(contracts));
  for (const [f, text] of generatePython(contracts)) files.set(f, text);
  for (const [f, text] of generateGo(contracts)) files.set(f, text);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === '__pycache__') return [];
    return statSync(full).isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

/** Writes the generated tree exactly: files no longer produced are removed. */
export function writeGenerated(root: string, files: ReadonlyMap<string, string>): { written: number; removed: number } {
  const dir = path.join(root, GENERATED_DIR);
  let removed = 0;
  for (const existing of listFiles(dir)) {
    if (!files.has(existing)) {
      rmSync(path.join(dir, existing));
      removed += 1;
    }
  }
  for (const [rel, text] of files) {
    const target = path.join(dir, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
  }
  return { written: files.size, removed };
}

/** Generated files that differ from what generation would write now. */
export function staleGenerated(root: string, files: ReadonlyMap<string, string>): { file: string; problem: 'missing' | 'changed' | 'extra' }[] {
  const dir = path.join(root, GENERATED_DIR);
  const stale: { file: string; problem: 'missing' | 'changed' | 'extra' }[] = [];
  for (const [rel, text] of files) {
    const target = path.join(dir, rel);
    if (!existsSync(target)) stale.push({ file: `${GENERATED_DIR}/${rel}`, problem: 'missing' });
    else if (readFileSync(target, 'utf8') !== text) stale.push({ file: `${GENERATED_DIR}/${rel}`, problem: 'changed' });
  }
  for (const existing of listFiles(dir)) if (!files.has(existing)) stale.push({ file: `${GENERATED_DIR}/${existing}`, problem: 'extra' });
  return stale;
}
