import { CausewayError } from '@causeway/errors';
import { runService, type ServicePart } from '@causeway/runtime';
import { loadSuite } from '@causeway/suite';
import { webPlugin } from '@causeway/web';
import { createGateway } from './createGateway.ts';
import { graphqlPlugin } from './graphql/graphqlPlugin.ts';
import { socketPlugin } from './socket/socketPlugin.ts';

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CausewayError('USAGE', `PORT must be a port number, got ${JSON.stringify(value)}`);
  return port;
}

// The gateway as a service part: its `closed` never settles on its own, because an HTTP server only stops when told.
const gatewayPart: ServicePart = {
  name: 'gateway',
  async start({ store, db }) {
    const gateway = await createGateway({
      store,
      db: await db(),
      suite: await loadSuite(),
      port: portFromEnv(process.env.PORT),
      // Loopback unless told: a development suite must not be reachable from the network by default.
      ...(process.env.HOST ? { host: process.env.HOST } : {}),
      plugins: [socketPlugin(), graphqlPlugin(), webPlugin()],
    });
    process.stderr.write(`gateway: listening on ${gateway.url}\n`);
    return { stop: () => gateway.close(), closed: new Promise<void>(() => undefined), url: gateway.url };
  },
};

await runService('gateway', [gatewayPart]);
