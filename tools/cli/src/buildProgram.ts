import { Command } from 'commander';
import { composeCommand } from './commands/composeCommand.ts';
import { contractsCommand } from './commands/contractsCommand.ts';
import { devmongoCommand } from './commands/devmongoCommand.ts';
import { devstoreCommand } from './commands/devstoreCommand.ts';
import { rebuildCommand } from './commands/rebuildCommand.ts';
import { runCommand } from './commands/runCommand.ts';
import { seedCommand } from './commands/seedCommand.ts';
import { sendCommand } from './commands/sendCommand.ts';
import { startCommand } from './commands/startCommand.ts';
import { statusCommand } from './commands/statusCommand.ts';
import { streamsCommand } from './commands/streamsCommand.ts';
import { tailCommand } from './commands/tailCommand.ts';
import { viewsCommand } from './commands/viewsCommand.ts';

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
  program.addCommand(runCommand());
  program.addCommand(streamsCommand());
  program.addCommand(tailCommand());
  program.addCommand(sendCommand());
  program.addCommand(rebuildCommand());
  program.addCommand(statusCommand());
  program.addCommand(seedCommand());
  program.addCommand(viewsCommand());
  program.addCommand(composeCommand());
  return program;
}
