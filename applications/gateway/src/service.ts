import { runService, type ServicePart } from '@causeway/runtime';
import { createGateway } from './createGateway.ts';

// The gateway as a service part: its `closed` never settles on its own, because an HTTP server only stops when told.
const gatewayPart: ServicePart = {
  name: 'gateway',
  async start({ store, db }) {
    const gateway = await createGateway({ store, db: await db(), port: Number(process.env.PORT ?? 3000) });
    process.stderr.write(`gateway: listening on ${gateway.url}\n`);
    return { stop: () => gateway.close(), closed: new Promise<void>(() => undefined) };
  },
};

await runService('gateway', [gatewayPart]);
