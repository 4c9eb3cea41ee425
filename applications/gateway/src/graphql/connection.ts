import { GraphQLBoolean, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLOutputType } from 'graphql';

export interface Page<T> {
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

const PageInfo = new GraphQLObjectType({
  name: 'PageInfo',
  fields: {
    hasNextPage: { type: new GraphQLNonNull(GraphQLBoolean) },
    endCursor: { type: GraphQLString, description: 'Pass as `after` for the next page; null on an empty page' },
  },
});

/** `<Name>Connection {edges {cursor node}, pageInfo {hasNextPage endCursor}}` (Relay's shape, forward only). */
export function connectionType(name: string, node: GraphQLOutputType): GraphQLObjectType {
  const Edge = new GraphQLObjectType({
    name: `${name}Edge`,
    fields: { cursor: { type: new GraphQLNonNull(GraphQLString) }, node: { type: new GraphQLNonNull(node) } },
  });
  return new GraphQLObjectType({
    name: `${name}Connection`,
    fields: { edges: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Edge))) }, pageInfo: { type: new GraphQLNonNull(PageInfo) } },
  });
}

/** Builds a page from `size + 1` rows read: the extra row only says whether there is a next page. */
export function toPage<T>(rows: readonly T[], size: number, cursorOf: (row: T) => string): Page<T> {
  const edges = rows.slice(0, size).map((node) => ({ cursor: cursorOf(node), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}
