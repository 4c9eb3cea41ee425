import { InvalidArgumentError } from 'commander';

/** `--port`: 0 picks a free port. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('port must be an integer between 0 and 65535');
  return port;
}
