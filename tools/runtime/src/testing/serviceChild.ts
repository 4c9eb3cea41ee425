// A service process for runService's shutdown tests: it prints "ready" once runService has
// installed its stop handlers. The interval stands in for a real service's open connections, which
// keep its process alive. CHILD_STUCK_PART=1 adds a part whose stop never ends (a store gone mid-drain).
import { runService, type ServicePart } from '../service/runService.ts';

setInterval(() => undefined, 60_000);
const stuck: ServicePart = {
  name: 'stuck',
  start: async () => ({ stop: () => new Promise<void>(() => undefined), closed: new Promise<void>(() => undefined) }),
};
await runService('child', process.env.CHILD_STUCK_PART ? [stuck] : []);
process.stdout.write('ready\n');
