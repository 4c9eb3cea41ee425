import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { findWorkspaceRoot, loadSuite, type Suite } from '@causeway/suite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, type Tab } from './testing/socketClient.ts';
import { startTestSuite, type TestSuite } from './testing/startTestSuite.ts';

// A copy of the workspace's parts with two throw-away ones added, each a new folder and
// nothing else: an aggregator counting deposits and a policy that reacts to them (and sends nothing).
const real = findWorkspaceRoot(import.meta.dirname);
const root = mkdtempSync(path.join(os.tmpdir(), 'causeway-new-part-'));
// Sources and configuration only: the installed packages are the real ones, through one link.
const copied = (src: string) => !/[\\/](node_modules|dist|\.git|\.turbo|\.causeway|\.bench)$/.test(src);
cpSync(real, root, { recursive: true, filter: copied });
symlinkSync(path.join(real, 'node_modules'), path.join(root, 'node_modules'), 'dir');

function addPackage(dir: string, name: string, files: Record<string, string>): void {
  mkdirSync(path.join(root, dir, 'src'), { recursive: true });
  const manifest = { name, version: '0.0.0', private: true, type: 'module', exports: { '.': './src/index.ts' }, causeway: { service: 'src/service.ts' } };
  writeFileSync(path.join(root, dir, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, dir, 'src', file), text);
}
addPackage('aggregators/deposit-count', '@causeway/deposit-count-view', {
  'index.ts': `import { defineAggregator } from '@causeway/runtime';
export const depositCountAggregator = defineAggregator({
  name: 'deposit-count',
  categories: ['wallet'],
  collections: { deposit_counts: {} },
  handlers: { FundsDeposited: (e) => ({ collection: 'deposit_counts', id: e.data.walletId, update: { $inc: { deposits: 1 } } }) },
});
`,
  'service.ts': `import { aggregatorPart, runService } from '@causeway/runtime';
import { depositCountAggregator } from './index.ts';
await runService('deposit-count', [aggregatorPart(depositCountAggregator)]);
`,
});
addPackage('components/deposit-echo', '@causeway/deposit-echo', {
  'index.ts': `import { definePolicy } from '@causeway/runtime';
export const depositEcho = definePolicy({ name: 'depositEcho', categories: ['wallet'], handlers: { FundsDeposited: () => [] } });
`,
  'service.ts': `import { policyPart, runService } from '@causeway/runtime';
import { depositEcho } from './index.ts';
await runService('deposit-echo', [policyPart(depositEcho)]);
`,
});

let manifest: Suite;
let suite: TestSuite;
const tabs: Tab[] = [];
beforeAll(async () => {
  manifest = await loadSuite(root);
  suite = await startTestSuite({ root });
});
afterAll(async () => {
  for (const tab of tabs) tab.close();
  await suite?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('a new part is one new folder', () => {
  it('is in the manifest with the rest of the suite, and command-status still follows every command category', async () => {
    expect(manifest.aggregators.map((a) => a.name)).toContain('deposit-count');
    expect(manifest.policies.map((p) => p.name)).toEqual(expect.arrayContaining(['depositEcho', 'settlement']));
    expect(manifest.origin.get(manifest.aggregators.find((a) => a.name === 'deposit-count') as object)).toBe('aggregators/deposit-count');
    expect(manifest.services.map((s) => s.id)).toEqual(expect.arrayContaining(['aggregators/deposit-count', 'components/deposit-echo', 'components/wallets']));
    expect(manifest.commandCategories).toEqual(['auction', 'bidding', 'document', 'identity', 'wallet']);
    expect(manifest.aggregators.find((a) => a.name === 'command-status')?.categories).toContain('wallet:command');
  });

  it('runs in the test suite, and the gateway announces its PROJECTION_UPDATED over socket.io', async () => {
    const ada = await suite.register();
    const tab = await openTab(suite.url, ada.token);
    tabs.push(tab);
    const id = randomUUID();
    const ack = (await tab.socket.emitWithAck('command', { type: 'DepositFunds', data: { walletId: ada.userId, amount: 700, currency: 'EUR' }, id })) as {
      ok: boolean;
    };
    expect(ack.ok).toBe(true);
    await expect
      .poll(() =>
        tab
          .ofCommand(id)
          .filter((r) => r.name === 'COMMAND/DEPOSIT_FUNDS/PROJECTION_UPDATED')
          .map((r) => r.payload.aggregator)
          .sort(),
      )
      .toEqual(['command-status', 'deposit-count', 'user-dashboard']);
    expect(await suite.db.collection<{ _id: string; deposits: number }>('deposit_counts').findOne({ _id: ada.userId })).toMatchObject({ deposits: 1 });
  });

  it('is in the docker-compose.yml that `causeway compose` renders for that workspace', () => {
    const compose = execFileSync(process.execPath, [path.join(real, 'tools/cli/bin/causeway.js'), 'compose'], { cwd: root, encoding: 'utf8' });
    expect(compose).toContain('  aggregators-deposit-count:\n    <<: *part\n    command: ["run", "aggregators/deposit-count"]');
    expect(compose).toContain('  components-deposit-echo:\n    <<: *part\n    command: ["run", "components/deposit-echo"]');
  });
});
