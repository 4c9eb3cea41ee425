import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  type ASTVisitor,
  type FieldNode,
  type GraphQLNamedType,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, type GraphQLLimits } from './limits.ts';
import { fragmentsOf, isIntrospectionRoot, memoByFragment, selectionsOf } from './selectionWalk.ts';

/** A list without `first` (an auction's bids, my bids, my funds) is assumed to hold this many items. */
export const UNBOUNDED_LIST_ESTIMATE = 10;

/**
 * How many times a field's children are resolved: `first` for paged fields
 * (a variable counts as the largest page, since validation runs before
 * variables are known), the estimate for other lists, else 1. The edges of a
 * connection are already counted by its `first`.
 */
function multiplier(field: FieldNode, parent: GraphQLNamedType, limits: Pick<GraphQLLimits, 'maxCost' | 'maxPageSize'>): number {
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

/** At most this many `__schema` / `__type` roots in one operation: each answers the whole schema. */
export const MAX_INTROSPECTION_ROOTS = 2;

/**
 * Refuses, before execution, an operation whose estimated cost is over `maxCost` (COST_LIMIT_EXCEEDED):
 * every field costs 1, `__typename` included, times how many parents it is resolved for, after
 * fragment expansion (each fragment is measured once per parent type, so a query of nested spreads
 * costs what it would expand to without being expanded here). An introspection root (`__schema`,
 * `__type`) costs 1 plus 1 for every field it selects, after fragment expansion but without list
 * multipliers: the schema is small and fixed, and graphql-js's MaxIntrospectionDepthRule (in
 * specifiedRules) bounds how deep its lists nest, so the standard introspection query GraphQL tools send
 * costs a few hundred, while thousands of aliased fields under one root are refused. More than
 * `MAX_INTROSPECTION_ROOTS` roots is COST_LIMIT_EXCEEDED too, and the answer-size cap bounds the rest.
 */
export function costLimitRule(limits: Pick<GraphQLLimits, 'maxCost' | 'maxPageSize'>): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context.getDocument().definitions);
    // Fields selected under an introspection root, each once per place it is selected.
    const introspectionCostOf = memoByFragment<number>(fragments, 0, (set, key, ofFragment) => {
      const { fields, spreads } = selectionsOf(set);
      let cost = 0;
      for (const field of fields) cost += 1 + (field.selectionSet ? introspectionCostOf(field.selectionSet, key) : 0);
      for (const name of spreads) cost += ofFragment(name, key);
      return cost;
    });
    const types = new Map<string, GraphQLNamedType>();
    const costOf = memoByFragment<{ cost: number; roots: number }>(fragments, { cost: 0, roots: 0 }, (set, typeName, ofFragment) => {
      const parent = types.get(typeName);
      const { fields, spreads } = selectionsOf(set);
      let cost = 0;
      let roots = 0;
      for (const field of fields) {
        cost += 1;
        if (isIntrospectionRoot(field)) {
          roots += 1;
          if (field.selectionSet) cost += introspectionCostOf(field.selectionSet, '');
          continue;
        }
        const definition = parent && isObjectType(parent) ? parent.getFields()[field.name.value] : undefined;
        if (!field.selectionSet || !definition || !parent) continue;
        const child = getNamedType(definition.type);
        types.set(child.name, child);
        const inner = costOf(field.selectionSet, child.name);
        cost += multiplier(field, parent, limits) * inner.cost;
        roots += inner.roots;
      }
      for (const name of spreads) {
        const inner = ofFragment(name, typeName);
        cost += inner.cost;
        roots += inner.roots;
      }
      return { cost, roots };
    });
    return {
      OperationDefinition(node) {
        const root = node.operation === 'query' ? context.getSchema().getQueryType() : undefined;
        if (!root) return; // mutations and subscriptions are refused by queryOnlyRule
        types.set(root.name, root);
        const { cost, roots } = costOf(node.selectionSet, root.name);
        if (roots > MAX_INTROSPECTION_ROOTS) {
          context.reportError(
            new GraphQLError(`${roots} introspection roots (__schema, __type) exceed the limit of ${MAX_INTROSPECTION_ROOTS}`, {
              nodes: [node],
              extensions: { code: 'COST_LIMIT_EXCEEDED', limit: MAX_INTROSPECTION_ROOTS, introspectionRoots: roots },
            }),
          );
        }
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
