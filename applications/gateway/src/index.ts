export { createGateway, DEFAULT_BODY_LIMIT, type Gateway, type GatewayOptions, type GatewayPlugin } from './createGateway.ts';
export type { GatewayContext } from './GatewayContext.ts';
export { TokenIssuer, type AuthenticatedUser } from './auth/TokenIssuer.ts';
export { requireUser, userOf } from './auth/requireUser.ts';
export { hashPassword, verifyPassword } from './auth/passwordHash.ts';
export { jwtSecretFromEnv } from './auth/jwtSecretFromEnv.ts';
export { CommandSender, type AcceptedCommand } from './commands/CommandSender.ts';
export { problemFor, toProblem, type Problem } from './http/toProblem.ts';
export { socketPlugin, type SocketOptions } from './socket/socketPlugin.ts';
