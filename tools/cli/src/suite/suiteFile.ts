import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where a running `causeway start` says which stores it runs, so every other CLI command finds them. */
export interface SuiteFile {
  readonly eventstoreUrl: string;
  readonly mongoUrl: string;
  /** The `causeway start` process: a file left by one that is gone is ignored. */
  readonly pid: number;
}

export const suiteFilePath = (dataDir: string) => path.join(dataDir, 'suite.json');

export function writeSuiteFile(dataDir: string, file: SuiteFile): void {
  writeFileSync(suiteFilePath(dataDir), `${JSON.stringify(file, null, 2)}\n`);
}

export function removeSuiteFile(dataDir: string): void {
  rmSync(suiteFilePath(dataDir), { force: true });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The stores of the suite running from `dataDir`, if one runs. */
export function readSuiteFile(dataDir: string): SuiteFile | undefined {
  const file = suiteFilePath(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<SuiteFile>;
    if (typeof parsed.eventstoreUrl !== 'string' || typeof parsed.mongoUrl !== 'string' || typeof parsed.pid !== 'number') return undefined;
    return alive(parsed.pid) ? (parsed as SuiteFile) : undefined;
  } catch {
    return undefined;
  }
}
