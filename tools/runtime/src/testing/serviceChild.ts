// A service process with no parts, for runService's shutdown tests: it prints
// "ready" once runService has installed its stop handlers. The interval stands
// in for a real service's open connections, which keep its process alive.
import { runService } from '../service/runService.ts';

setInterval(() => undefined, 60_000);
await runService('child', []);
process.stdout.write('ready\n');
