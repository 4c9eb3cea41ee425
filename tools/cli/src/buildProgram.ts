import { Command } from 'commander';
import { contractsCommand } from './commands/contractsCommand.ts';
import { devmongoCommand } from './commands/devmongoCommand.ts';
import { devstoreCommand } from './commands/devstoreCommand.ts';
import { startCommand } from './commands/startCommand.ts';

/**
 * Each subcommand lives in its own file under commands/ and is added here,
 * one line each, so later parts of the toolkit extend the CLI without
 * touching each other's code.
 */
export function buildProgram(): Command {
  const program = new Command('causeway')
    .description('Causeway: event-sourced services on EventStoreDB with MongoDB view data')
    .showHelpAfterError()
    .enablePositionalOptions();
  program.addCommand(contractsCommand());
  program.addCommand(devmongoCommand());
  program.addCommand(devstoreCommand());
  program.addCommand(startCommand());
  return program;
}
