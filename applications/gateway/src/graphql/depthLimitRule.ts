import { GraphQLError, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { fieldsOf, fragmentsOf, isIntrospection } from './selectionWalk.ts';

/** Field nesting of a selection set: `{ a { b } }` is 2; fragments count where they are spread. */
function depthOf(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, expanding?: ReadonlySet<string>): number {
  let deepest = 0;
  for (const { field, expanding: inner } of fieldsOf(selectionSet, fragments, expanding)) {
    if (isIntrospection(field)) continue;
    deepest = Math.max(deepest, 1 + (field.selectionSet ? depthOf(field.selectionSet, fragments, inner) : 0));
  }
  return deepest;
}

/** Refuses, before execution, an operation nested deeper than `maxDepth` fields (DEPTH_LIMIT_EXCEEDED). */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context.getDocument().definitions);
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, fragments);
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
