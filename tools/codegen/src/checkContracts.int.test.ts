import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContracts } from './checkContracts.ts';
import { formatProblem } from './ContractProblem.ts';
import { renderGenerated, writeGenerated } from './generateContracts.ts';
import { loadContracts } from './loadContracts.ts';
import { writeReleaseLock } from './releaseLock.ts';

const repoContracts = path.resolve(import.meta.dirname, '../../../contracts');
let root: string;

const schemaPath = (rel: string) => path.join(root, rel);
// Schemas are edited as loose JSON here, exactly as a developer edits the files.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const readJson = (rel: string) => JSON.parse(readFileSync(schemaPath(rel), 'utf8')) as Record<string, any>;
const writeJson = (rel: string, value: unknown) => writeFileSync(schemaPath(rel), `${JSON.stringify(value, null, 2)}\n`);
const problems = async () => (await checkContracts(root)).problems.map(formatProblem);

beforeEach(async () => {
  // A private copy of the real contracts: every edit below is what a developer would do in the repo.
  root = mkdtempSync(path.join(os.tmpdir(), 'causeway-contracts-'));
  cpSync(repoContracts, root, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|src|__pycache__|package\.json|tsconfig\.json)$/.test(src),
  });
  const { contracts } = loadContracts(root);
  writeGenerated(root, await renderGenerated(contracts));
  writeReleaseLock(root, contracts);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('causeway contracts check', () => {
  it('passes on the released contracts', async () => {
    expect(await problems()).toEqual([]);
  });

  it('the repository itself passes, with generated files up to date', async () => {
    const report = await checkContracts(repoContracts);
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.contracts).toBeGreaterThanOrEqual(32);
  });

  it('catches a breaking edit of a released schema, naming schema, pointer and rule', async () => {
    const file = 'wallets/commands/DepositFunds.v1.schema.json';
    const schema = readJson(file);
    schema.properties.amount.minimum = 100;
    schema.properties.memo = { type: 'string', description: 'why' };
    schema.required.push('memo');
    schema.examples[0].memo = 'birthday';
    writeJson(file, schema);
    const found = await problems();
    expect(found).toContain(
      'wallets/DepositFunds@1 at /properties/amount/minimum: [tightened-bound] minimum raised from 1 to 100 (breaking change to a released contract: add DepositFunds.v2 with an upcaster instead)',
    );
    expect(found.some((p) => p.startsWith('wallets/DepositFunds@1 at /required: [new-required-property] new property "memo" is required'))).toBe(true);
  });

  it('catches a removed property and a narrowed enum', async () => {
    const file = 'auctions/events/BidRejected.v1.schema.json';
    const schema = readJson(file);
    delete schema.properties.minimumAcceptable;
    schema.properties.reason.enum = schema.properties.reason.enum.filter((r: string) => r !== 'DUPLICATE_BID');
    delete schema.examples[0].minimumAcceptable;
    writeJson(file, schema);
    const found = await problems();
    expect(found.some((p) => p.startsWith('auctions/BidRejected@1 at /properties/minimumAcceptable: [removed-property]'))).toBe(true);
    expect(found.some((p) => p.startsWith('auctions/BidRejected@1 at /properties/reason/enum: [narrowed-enum]'))).toBe(true);
  });

  it('accepts a compatible edit and reports it as compatible', async () => {
    const file = 'wallets/commands/DepositFunds.v1.schema.json';
    const schema = readJson(file);
    schema.properties.memo = { type: 'string', maxLength: 140, description: 'Why the money was deposited' };
    schema.description = 'Add money to a wallet (amount positive).';
    writeJson(file, schema);
    writeGenerated(root, await renderGenerated(loadContracts(root).contracts));
    const report = await checkContracts(root);
    expect(report.problems).toEqual([]);
    expect(report.compatible.map(formatProblem)).toEqual([
      'wallets/DepositFunds@1 at /properties/memo: [added-optional-property] optional property "memo" added',
    ]);
  });

  it('catches a stale generated file', async () => {
    const file = 'wallets/commands/DepositFunds.v1.schema.json';
    const schema = readJson(file);
    schema.properties.memo = { type: 'string', description: 'Why' };
    writeJson(file, schema);
    const found = await problems();
    expect(found).toContain(
      'generated/ts/wallets/DepositFundsV1.ts: [generated/stale] generated file is changed; run `causeway contracts generate` and commit the result',
    );
    expect(found).toContain('generated/validators.js: [generated/stale] generated file is changed; run `causeway contracts generate` and commit the result');
  });

  it('catches a hand-edited or extra generated file', async () => {
    writeFileSync(schemaPath('generated/types.ts'), '// edited\n');
    writeFileSync(schemaPath('generated/leftover.ts'), 'export {};\n');
    const found = await problems();
    expect(found.some((p) => p.startsWith('generated/types.ts: [generated/stale] generated file is changed'))).toBe(true);
    expect(found.some((p) => p.startsWith('generated/leftover.ts: [generated/stale] generated file is extra'))).toBe(true);
  });

  it('reports a schema ajv cannot compile as a problem, not a crash', async () => {
    const file = 'auctions/commands/PlaceBid.v1.schema.json';
    const schema = readJson(file);
    schema.properties.reservationId.format = 'email';
    writeJson(file, schema);
    const found = await problems();
    expect(found.some((p) => p.startsWith('auctions/PlaceBid@1: [schema/invalid] strict mode: missing type'))).toBe(true);
    expect(found.some((p) => p.startsWith('auctions/PlaceBid@1 at /properties/reservationId/format: [changed-format]'))).toBe(true);
  });

  it('catches an invalid example', async () => {
    const file = 'auctions/commands/PlaceBid.v1.schema.json';
    const schema = readJson(file);
    schema.examples.push({ ...schema.examples[0], amount: -5 });
    writeJson(file, schema);
    expect(await problems()).toContain('auctions/PlaceBid@1 at /examples/1: [examples/invalid] data/amount must be an integer >= 1, got -5');
  });

  it('checks naming: imperative commands, past-tense events, $id matching the path, unique types', async () => {
    writeJson('auctions/events/BidPlace.v1.schema.json', { ...readJson('auctions/events/BidPlaced.v1.schema.json'), $id: 'auctions/BidPlace@1' });
    writeJson('auctions/commands/AuctionClosed.v1.schema.json', {
      ...readJson('auctions/commands/CloseAuction.v1.schema.json'),
      $id: 'auctions/AuctionClosed@1',
    });
    writeJson('wallets/commands/PlaceBid.v1.schema.json', { ...readJson('auctions/commands/PlaceBid.v1.schema.json'), $id: 'auctions/PlaceBid@1' });
    writeFileSync(schemaPath('wallets/notes.txt'), 'stray');
    const found = await problems();
    expect(found.some((p) => p.startsWith('auctions/BidPlace@1: [naming/event-past-tense]'))).toBe(true);
    expect(found.some((p) => p.startsWith('auctions/AuctionClosed@1: [naming/command-imperative]'))).toBe(true);
    expect(found).toContain(
      'wallets/PlaceBid@1 at /$id: [naming/id-matches-path] $id is "auctions/PlaceBid@1" but the file wallets/commands/PlaceBid.v1.schema.json requires "wallets/PlaceBid@1"',
    );
    expect(found.some((p) => p.startsWith('wallets/PlaceBid@1: [naming/unique-type]'))).toBe(true);
    expect(found).toContain('wallets/notes.txt: [naming/location] a context folder holds only commands/ and events/');
  });

  describe('a new version', () => {
    const v1 = 'wallets/commands/DepositFunds.v1.schema.json';
    const v2 = 'wallets/commands/DepositFunds.v2.schema.json';
    const writeV2 = () => {
      const schema = readJson(v1);
      schema.$id = 'wallets/DepositFunds@2';
      schema.properties.source = { type: 'string', enum: ['card', 'transfer'], description: 'Where the money came from' };
      schema.required.push('source');
      schema.examples = [{ ...schema.examples[0], source: 'card' }];
      writeJson(v2, schema);
    };

    it('must come with an upcaster', async () => {
      writeV2();
      expect(await problems()).toContain(
        'wallets/DepositFunds@2: [upcaster/missing] a new version needs an upcaster from v1: create wallets/commands/DepositFunds.v2.upcast.ts',
      );
    });

    it("passes when the upcaster's output validates, and the generated registry wires it", async () => {
      writeV2();
      writeFileSync(
        schemaPath('wallets/commands/DepositFunds.v2.upcast.ts'),
        "export default (data: Record<string, unknown>) => ({ ...data, source: 'transfer' });\n",
      );
      writeGenerated(root, await renderGenerated(loadContracts(root).contracts));
      expect(await problems()).toEqual([]);
      const registry = readFileSync(schemaPath('generated/registry.ts'), 'utf8');
      expect(registry).toContain("import upcastDepositFundsV2 from '../wallets/commands/DepositFunds.v2.upcast.ts';");
      expect(readFileSync(schemaPath('generated/types.ts'), 'utf8')).toContain('DepositFundsV2 as DepositFunds');
    });

    it('runs every v1 example through the upcaster and validates the output against v2', async () => {
      writeV2();
      writeFileSync(
        schemaPath('wallets/commands/DepositFunds.v2.upcast.ts'),
        "export default (data: Record<string, unknown>) => ({ ...data, source: 'cash' });\n",
      );
      const found = await problems();
      expect(found).toContain(
        'wallets/DepositFunds@2 at wallets/DepositFunds@1/examples/0: [upcaster/invalid-output] upcast of example 0 of wallets/DepositFunds@1 is not a valid wallets/DepositFunds@2: data/source must be one of ["card","transfer"], got "cash"',
      );
    });

    it('reports an upcaster that throws', async () => {
      writeV2();
      writeFileSync(schemaPath('wallets/commands/DepositFunds.v2.upcast.ts'), "export default () => { throw new Error('not yet'); };\n");
      expect((await problems()).some((p) => p.includes('[upcaster/throws] upcaster threw on example 0 of wallets/DepositFunds@1: not yet'))).toBe(true);
    });
  });

  it('generated Python compiles', () => {
    const dir = path.join(root, 'generated/python/causeway_contracts');
    const contexts = [...new Set(loadContracts(root).contracts.map((c) => c.context))];
    const files = ['__init__.py', 'shared.py', ...contexts.map((c) => `${c}.py`)];
    execFileSync('python3', ['-m', 'py_compile', ...files.map((f) => path.join(dir, f))], { stdio: 'pipe' });
    const out = execFileSync(
      'python3',
      [
        '-c',
        'import causeway_contracts as c; from causeway_contracts.auctions import PlaceBidV1; print(len(c.CONTRACT_IDS), sorted(PlaceBidV1.__required_keys__))',
      ],
      {
        cwd: path.join(root, 'generated/python'),
        encoding: 'utf8',
      },
    );
    expect(out.trim()).toBe(`${loadContracts(root).contracts.length} ['amount', 'auctionId', 'bidId', 'bidderId', 'currency']`);
  });

  it('generation is deterministic', async () => {
    const { contracts } = loadContracts(root);
    const a = await renderGenerated(contracts);
    const b = await renderGenerated([...contracts].reverse().sort((x, y) => (x.id < y.id ? -1 : 1)));
    expect([...a.entries()]).toEqual([...b.entries()]);
  });
});
