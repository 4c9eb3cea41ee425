import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = path.resolve(import.meta.dirname, '../bin/causeway.js');
const repoContracts = path.resolve(import.meta.dirname, '../../../contracts');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: path.dirname(repoContracts) });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'causeway-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the causeway command', () => {
  it('lists its subcommands in --help', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: causeway');
    expect(r.stdout).toMatch(/contracts\s+JSON-Schema contracts/);
    expect(run('contracts', '--help').stdout).toMatch(/generate[\s\S]*check[\s\S]*release/);
  });

  it('fails an unknown subcommand with a hint', () => {
    const r = run('contracs');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("unknown command 'contracs'");
  });

  it('contracts check passes on the repository', () => {
    const r = run('contracts', 'check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^contracts ok: \d+ contracts checked/m);
  });

  it('contracts check exits 1 naming schema, pointer and rule on a breaking edit; release refuses', () => {
    const dir = path.join(tmp, 'contracts');
    cpSync(repoContracts, dir, { recursive: true, filter: (src) => !/[\\/](node_modules|src|__pycache__|package\.json|tsconfig\.json)$/.test(src) });
    const file = path.join(dir, 'auctions/commands/PlaceBid.v1.schema.json');
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { properties: Record<string, { minimum?: number }> };
    (schema.properties.amount as { minimum?: number }).minimum = 500;
    writeFileSync(file, JSON.stringify(schema, null, 2));
    const r = run('contracts', 'check', '--dir', dir, '--no-generated');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error: auctions/PlaceBid@1 at /properties/amount/minimum: [tightened-bound] minimum raised from 1 to 500');
    expect(r.stderr).toMatch(/causeway: CONTRACT_INVALID: \d+ problem\(s\) in \d+ contracts/);
    const release = run('contracts', 'release', '--dir', dir);
    expect(release.status).toBe(1);
    expect(release.stderr).toContain('cannot release while `causeway contracts check` fails');
  });

  it('contracts generate writes into --dir and check then passes there', () => {
    const dir = path.join(tmp, 'fresh');
    cpSync(repoContracts, dir, { recursive: true, filter: (src) => !/[\\/](node_modules|src|__pycache__|generated|package\.json|tsconfig\.json)$/.test(src) });
    expect(run('contracts', 'check', '--dir', dir).status).toBe(1);
    const gen = run('contracts', 'generate', '--dir', dir);
    expect(gen.status).toBe(0);
    expect(gen.stdout).toMatch(/^generated \d+ files from \d+ contracts/);
    const check = run('contracts', 'check', '--dir', dir);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(gen.stdout).not.toContain('restart');
  });

  it('contracts generate says that a running suite must be restarted to use them', () => {
    const workspace = path.join(tmp, 'running');
    const dir = path.join(workspace, 'contracts');
    cpSync(repoContracts, dir, { recursive: true, filter: (src) => !/[\\/](node_modules|src|__pycache__|generated|package\.json|tsconfig\.json)$/.test(src) });
    writeFileSync(path.join(workspace, 'package.json'), JSON.stringify({ name: 'scratch', private: true, workspaces: ['contracts'] }));
    mkdirSync(path.join(workspace, '.causeway'));
    // This test's own process stands in for a running `causeway start`.
    writeFileSync(
      path.join(workspace, '.causeway', 'suite.json'),
      JSON.stringify({ eventstoreUrl: 'esdb://127.0.0.1:1?tls=false', mongoUrl: 'mongodb://127.0.0.1:1', pid: process.pid }),
    );
    const gen = run('contracts', 'generate', '--dir', dir);
    expect(gen.status).toBe(0);
    expect(gen.stdout).toContain('the suite running in this workspace keeps the validators it started with: restart it (Ctrl-C, then npm start)');
  });
});
