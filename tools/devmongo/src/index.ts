export { startDevMongo, type DevMongo, type DevMongoOptions } from './startDevMongo.ts';
export { supportedCommands } from './commands/dispatchCommand.ts';
