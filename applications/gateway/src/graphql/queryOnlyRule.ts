import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * Refuses mutations and subscriptions before execution with a message that
 * says where they live, rather than graphql-js's generic "not configured".
 */
export function queryOnlyRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation === 'query') return;
      const where = node.operation === 'mutation' ? 'send commands with POST /commands/<Type>' : 'follow live updates with socket.io';
      context.reportError(
        new GraphQLError(`${node.operation}s are not served here: GraphQL is query-only (${where})`, { nodes: [node], extensions: { code: 'QUERY_ONLY' } }),
      );
    },
  };
}
