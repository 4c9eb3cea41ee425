import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { assertValidMessage, getContract, type CommandType } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';
import { formatPosition, streamNames } from '@causeway/runtime';
import { openStore } from '../suite/connections.ts';
import { checkUserMaySend, loadSuite } from '@causeway/suite';

/**
 * `causeway send <Type> <json>`: validates the data against the command's
 * contract, works out its stream from the suite's routes (or `--to`), and
 * appends it. Invalid input writes nothing and lists every violation.
 */
export function sendCommand(): Command {
  return new Command('send')
    .description('validate a command against its contract and write it to its command stream')
    .argument('<type>', 'command type, e.g. DepositFunds')
    .argument('<json>', 'the command data as JSON')
    .option('--to <category:id>', 'target entity, e.g. wallet:5a0b… (default: the route the suite declares for the type)')
    .option('--id <uuid>', 'command id (idempotency key); default a new UUID')
    .option('--user <uuid>', "send as this user: the gateway's rules apply (no system commands, only acting for oneself)")
    .action(async (type: string, json: string, opts: { to?: string; id?: string; user?: string }) => {
      const contract = getContract(type);
      if (contract.kind !== 'command') throw new CausewayError('USAGE', `${type} is an ${contract.kind}, not a command`);
      let data: unknown;
      try {
        data = JSON.parse(json);
      } catch (error) {
        throw new CausewayError('MALFORMED_JSON', `the data is not valid JSON: ${(error as Error).message}`);
      }
      assertValidMessage(type, data);
      let target: { category: string; id: string };
      // As a user, the same rules as at the gateway: an operator's --user must not be a way
      // around them (a PlaceBid no funds back). Without --user it is an operator's write.
      if (opts.user) {
        const entry = (await loadSuite()).routes.get(type as CommandType);
        if (!entry) throw new CausewayError('USAGE', `no part of the suite handles ${type}`);
        checkUserMaySend(entry, data, opts.user);
      }
      if (opts.to) {
        const i = opts.to.lastIndexOf(':');
        if (i <= 0) throw new CausewayError('USAGE', '--to must look like <category>:<id>');
        target = { category: opts.to.slice(0, i), id: opts.to.slice(i + 1) };
      } else {
        const route = (await loadSuite()).routes.get(type as CommandType);
        if (!route) throw new CausewayError('USAGE', `no package routes ${type}; pass --to <category>:<id>`);
        target = route.target(data);
      }
      const stream = streamNames.command(target.category, target.id);
      const id = opts.id ?? randomUUID();
      const store = openStore();
      try {
        const out = await store.append(stream, [{ id, type: type as CommandType, data, metadata: opts.user ? { userId: opts.user } : {} }]);
        process.stdout.write(`${JSON.stringify({ commandId: id, stream, position: out.position ? formatPosition(out.position) : undefined })}\n`);
      } finally {
        await store.close();
      }
    });
}
