// The gateway for those who embed it or extend it with a plugin: create it on
// the suite's manifest, add plugins (socket.io and GraphQL are two), guard a
// plugin's routes with requireUser. Everything else is internal to the package.
export { createGateway, DEFAULT_BODY_LIMIT, type Gateway, type GatewayOptions, type GatewayPlugin } from './createGateway.ts';
export type { GatewayContext } from './GatewayContext.ts';
export { requireUser, userOf } from './auth/requireUser.ts';
export type { AcceptedCommand } from './commands/CommandSender.ts';
export type { Problem } from './http/toProblem.ts';
export { socketPlugin, type SocketOptions } from './socket/socketPlugin.ts';
export { graphqlPlugin } from './graphql/graphqlPlugin.ts';
export { DEFAULT_GRAPHQL_LIMITS, type GraphQLLimits } from './graphql/limits.ts';
