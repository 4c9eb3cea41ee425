import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, type GraphQLLimits } from './limits.ts';
import { fieldsOf, fragmentsOf, isIntrospection } from './selectionWalk.ts';

/** A list without `first` (an auction's bids, my bids, my funds) is assumed to hold this many items. */
export const UNBOUNDED_LIST_ESTIMATE = 10;

/**
 * How many times a field's children are resolved: `first` for paged fields
 * (a variable counts as the largest page, since validation runs before
 * variables are known), the estimate for other lists, else 1. The edges of a
 * connection are already counted by its `first`.
 */
function multiplier(field: FieldNode, parent: GraphQLNamedType, limits: GraphQLLimits): number {
  if (!isObjectType(parent)) return 1;
  const definition = parent.getFields()[field.name.value];
  if (!definition) return 1;
  if (definition.args.some((a) => a.name === 'first')) {
    const arg = field.arguments?.find((a) => a.name.value === 'first');
    if (!arg) return DEFAULT_PAGE_SIZE;
    return arg.value.kind === 'IntValue' ? Math.max(1, Number(arg.value.value)) : limits.maxPageSize;
  }
  if (parent.name.endsWith('Connection')) return 1;
  return isListType(getNullableType(definition.type)) ? UNBOUNDED_LIST_ESTIMATE : 1;
}

/** Every field costs 1, times how many parents it is resolved for. */
function costOf(
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  context: { fragments: ReadonlyMap<string, FragmentDefinitionNode>; limits: GraphQLLimits },
  expanding?: ReadonlySet<string>,
): number {
  let cost = 0;
  for (const { field, expanding: inner } of fieldsOf(selectionSet, context.fragments, expanding)) {
    if (isIntrospection(field)) continue;
    cost += 1;
    const definition = isObjectType(parent) ? parent.getFields()[field.name.value] : undefined;
    if (field.selectionSet && definition)
      cost += multiplier(field, parent, context.limits) * costOf(field.selectionSet, getNamedType(definition.type), context, inner);
  }
  return cost;
}

/** Refuses, before execution, an operation whose estimated cost is over `maxCost` (COST_LIMIT_EXCEEDED). */
export function costLimitRule(limits: GraphQLLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context.getDocument().definitions);
    return {
      OperationDefinition(node) {
        const root = node.operation === 'query' ? context.getSchema().getQueryType() : undefined;
        if (!root) return; // mutations and subscriptions are refused by queryOnlyRule
        const cost = costOf(node.selectionSet, root, { fragments, limits });
        if (cost > limits.maxCost) {
          context.reportError(
            new GraphQLError(`query cost ${cost} exceeds the cost limit of ${limits.maxCost}`, {
              nodes: [node],
              extensions: { code: 'COST_LIMIT_EXCEEDED', limit: limits.maxCost, cost },
            }),
          );
        }
      },
    };
  };
}
