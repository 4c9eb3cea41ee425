import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { CausewayError } from '@causeway/errors';
import { findServices, findWorkspaceRoot } from '@causeway/suite';
import { StoreProcess } from '../start/StoreProcess.ts';
import { Supervisor } from '../start/Supervisor.ts';
import { removeSuiteFile, writeSuiteFile } from '../suite/suiteFile.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

/** Longest wait for every service to report ready before `ready` is printed anyway. */
const READY_WAIT_MS = 120_000;

/**
 * `causeway start` (what `npm start` runs): the stores, embedded and durable
 * under `.causeway/` unless EVENTSTORE_URL / MONGO_URL name real servers, and
 * every service of the workspace under one supervisor. Each embedded store
 * runs in its own process (StoreProcess says why). Ctrl-C stops the services
 * first, then the stores.
 */
export function startCommand(): Command {
  return new Command('start')
    .description('run the whole suite: stores (embedded under .causeway/ unless EVENTSTORE_URL / MONGO_URL are set) and every service')
    .option('--data <dir>', 'where embedded stores keep their data', '.causeway')
    .option('--no-services', 'run the stores only')
    .action(async (opts: { data: string; services: boolean }) => {
      const root = findWorkspaceRoot();
      const dataDir = path.resolve(root, opts.data);
      const env = { ...process.env };
      const stores: StoreProcess[] = [];
      const storeOptions = { env, write: out };
      let eventstoreUrl = process.env.EVENTSTORE_URL;
      let mongoUrl = process.env.MONGO_URL;
      const starting: Promise<StoreProcess>[] = [];
      if (!eventstoreUrl) {
        mkdirSync(path.join(dataDir, 'eventstore'), { recursive: true });
        starting.push(
          StoreProcess.start({ ...storeOptions, kind: 'devstore', port: Number(process.env.DEVSTORE_PORT ?? 2113), dataDir: path.join(dataDir, 'eventstore') }),
        );
      }
      if (!mongoUrl) {
        mkdirSync(path.join(dataDir, 'mongo'), { recursive: true });
        starting.push(
          StoreProcess.start({ ...storeOptions, kind: 'devmongo', port: Number(process.env.DEVMONGO_PORT ?? 27017), dataDir: path.join(dataDir, 'mongo') }),
        );
      }
      const started = await Promise.allSettled(starting);
      for (const s of started) if (s.status === 'fulfilled') stores.push(s.value);
      const failed = started.find((s) => s.status === 'rejected');
      if (failed) {
        await Promise.all(stores.map((s) => s.stop()));
        throw failed.reason;
      }
      for (const store of stores) {
        if (store.kind === 'devstore') eventstoreUrl = store.url;
        else mongoUrl = store.url;
      }
      // Other CLI commands (status, send, views…) read the stores from here, whatever ports they got.
      mkdirSync(dataDir, { recursive: true });
      writeSuiteFile(dataDir, { eventstoreUrl: eventstoreUrl as string, mongoUrl: mongoUrl as string, pid: process.pid });
      out(`eventstore  ${eventstoreUrl}${process.env.EVENTSTORE_URL ? '' : `  (embedded, data in ${path.relative(root, dataDir)}/eventstore)`}`);
      out(`mongodb     ${mongoUrl}${process.env.MONGO_URL ? '' : `  (embedded, data in ${path.relative(root, dataDir)}/mongo)`}`);
      const services = opts.services ? findServices(root) : [];
      // CAUSEWAY_DATA: where services keep development state (the gateway's development JWT secret).
      const supervisor = new Supervisor({ ...env, EVENTSTORE_URL: eventstoreUrl, MONGO_URL: mongoUrl, CAUSEWAY_DATA: dataDir }, out);
      for (const service of services) supervisor.start(service);
      out(
        services.length > 0
          ? `services    ${services.map((s) => s.id).join(', ')}`
          : opts.services
            ? 'services    none declared yet (a package declares one with "causeway": { "service": "src/service.ts" })'
            : 'services    none (--no-services)',
      );
      // Ready when every service says so (the gateway once it listens), not when they were spawned.
      const readiness = services.length > 0 ? await supervisor.ready(READY_WAIT_MS) : { ok: true as const, urls: [] };
      if (readiness && !readiness.ok) {
        await supervisor.stop();
        await Promise.all(stores.map((s) => s.stop()));
        removeSuiteFile(dataDir);
        throw new CausewayError('USAGE', readiness.line);
      }
      if (!readiness) out(`not every service is ready after ${READY_WAIT_MS / 1000} s; going on (their output above says why)`);
      for (const url of readiness?.urls ?? []) out(`web page   ${url}/`);
      out('ready: press Ctrl-C to stop');
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      out('stopping services…');
      await supervisor.stop();
      await Promise.all(stores.map((s) => s.stop()));
      removeSuiteFile(dataDir);
      out('stopped');
    });
}
