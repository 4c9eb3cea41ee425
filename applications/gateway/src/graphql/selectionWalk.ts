import type { FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';

/**
 * The fields a selection set selects, with fragment spreads and inline
 * fragments flattened. A spread already being expanded is skipped, so a
 * fragment cycle (reported by graphql-js's own rule) cannot loop here.
 */
export function fieldsOf(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  expanding: ReadonlySet<string> = new Set(),
): { field: FieldNode; expanding: ReadonlySet<string> }[] {
  const out: { field: FieldNode; expanding: ReadonlySet<string> }[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === 'Field') out.push({ field: selection, expanding });
    else if (selection.kind === 'InlineFragment') out.push(...fieldsOf(selection.selectionSet, fragments, expanding));
    else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (fragment && !expanding.has(name)) out.push(...fieldsOf(fragment.selectionSet, fragments, new Set([...expanding, name])));
    }
  }
  return out;
}

/** Introspection (`__schema`, `__type`, `__typename`) is served to tools and is not counted. */
export const isIntrospection = (field: FieldNode): boolean => field.name.value.startsWith('__');

export function fragmentsOf(definitions: readonly { kind: string }[]): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const d of definitions) if (d.kind === 'FragmentDefinition') map.set((d as FragmentDefinitionNode).name.value, d as FragmentDefinitionNode);
  return map;
}
