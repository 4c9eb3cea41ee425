import type { FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';

/**
 * The fields a selection set selects directly, with inline fragments flattened;
 * named spreads are returned apart, so callers can measure each fragment once
 * (a query of nested spreads expands exponentially: walking every expansion
 * was itself the denial of service).
 */
export function selectionsOf(selectionSet: SelectionSetNode): { fields: FieldNode[]; spreads: string[] } {
  const fields: FieldNode[] = [];
  const spreads: string[] = [];
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === 'Field') fields.push(selection);
      else if (selection.kind === 'InlineFragment') visit(selection.selectionSet);
      else spreads.push(selection.name.value);
    }
  };
  visit(selectionSet);
  return { fields, spreads };
}

/**
 * A measure of a selection set computed once per fragment: `measure(set)` may call `ofFragment(name)`,
 * which memoizes by fragment name (and the key the caller adds, such as the parent type) and gives
 * `cycle` for a fragment already being measured (graphql-js's own rule reports the cycle).
 */
export function memoByFragment<T>(
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  cycle: T,
  measure: (set: SelectionSetNode, key: string, ofFragment: (name: string, key: string) => T) => T,
): (set: SelectionSetNode, key: string) => T {
  const memo = new Map<string, T>();
  const active = new Set<string>();
  const ofFragment = (name: string, key: string): T => {
    const id = `${name}\u0000${key}`;
    const known = memo.get(id);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || active.has(id)) return cycle;
    active.add(id);
    const value = measure(fragment.selectionSet, key, ofFragment);
    active.delete(id);
    memo.set(id, value);
    return value;
  };
  return (set, key) => measure(set, key, ofFragment);
}

/** Introspection fields: `__typename`, and the roots `__schema` and `__type`. */
export const isIntrospection = (field: FieldNode): boolean => field.name.value.startsWith('__');
/** The introspection roots, whose answers describe the schema: bounded by count, not by cost. */
export const isIntrospectionRoot = (field: FieldNode): boolean => field.name.value === '__schema' || field.name.value === '__type';

export function fragmentsOf(definitions: readonly { kind: string }[]): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const d of definitions) if (d.kind === 'FragmentDefinition') map.set((d as FragmentDefinitionNode).name.value, d as FragmentDefinitionNode);
  return map;
}
