import { GraphQLError, type ASTVisitor, type ValidationContext, type ValidationRule } from 'graphql';
import { fragmentsOf, memoByFragment, selectionsOf } from './selectionWalk.ts';

/**
 * Refuses, before execution, an operation with more than `maxAliases` aliased fields (ALIAS_LIMIT_EXCEEDED),
 * counted after fragment expansion (a fragment counts each place it is spread, measured once). Aliases are
 * how one request repeats a field: the cost limit prices the copies, this bounds how many root lookups
 * (each `auction(id:)` is its own read) and introspection copies a single request can ask for.
 */
export function aliasLimitRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const aliasesOf = memoByFragment<number>(fragmentsOf(context.getDocument().definitions), 0, (set, key, ofFragment) => {
      const { fields, spreads } = selectionsOf(set);
      let count = 0;
      for (const field of fields) count += (field.alias ? 1 : 0) + (field.selectionSet ? aliasesOf(field.selectionSet, key) : 0);
      for (const name of spreads) count += ofFragment(name, key);
      return count;
    });
    return {
      OperationDefinition(node) {
        const aliases = aliasesOf(node.selectionSet, '');
        if (aliases > maxAliases) {
          context.reportError(
            new GraphQLError(`${aliases} aliased fields exceed the limit of ${maxAliases}`, {
              nodes: [node],
              extensions: { code: 'ALIAS_LIMIT_EXCEEDED', limit: maxAliases, aliases },
            }),
          );
        }
      },
    };
  };
}
