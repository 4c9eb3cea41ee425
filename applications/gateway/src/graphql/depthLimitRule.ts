import { GraphQLError, type ASTVisitor, type ValidationContext, type ValidationRule } from 'graphql';
import { fragmentsOf, isIntrospection, memoByFragment, selectionsOf } from './selectionWalk.ts';

/** Refuses, before execution, an operation nested deeper than `maxDepth` fields (DEPTH_LIMIT_EXCEEDED). */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    // Field nesting: `{ a { b } }` is 2; a fragment counts where it is spread, and is measured once.
    const depthOf = memoByFragment<number>(fragmentsOf(context.getDocument().definitions), 0, (set, key, ofFragment) => {
      const { fields, spreads } = selectionsOf(set);
      let deepest = 0;
      for (const field of fields) {
        if (isIntrospection(field)) continue;
        deepest = Math.max(deepest, 1 + (field.selectionSet ? ofSet(field.selectionSet) : 0));
      }
      for (const name of spreads) deepest = Math.max(deepest, ofFragment(name, key));
      return deepest;
    });
    const ofSet = (set: Parameters<typeof depthOf>[0]) => depthOf(set, '');
    return {
      OperationDefinition(node) {
        const depth = ofSet(node.selectionSet);
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`query depth ${depth} exceeds the depth limit of ${maxDepth}`, {
              nodes: [node],
              extensions: { code: 'DEPTH_LIMIT_EXCEEDED', limit: maxDepth, depth },
            }),
          );
        }
      },
    };
  };
}
