import { GraphQLScalarType } from 'graphql';

/**
 * Amounts in minor units go up to 2^53-1 (the contracts' maximum), beyond
 * GraphQL's 32-bit Int, so they get their own integer scalar.
 */
export const Amount = new GraphQLScalarType({
  name: 'Amount',
  description: 'An integer amount in minor units (cents), up to 2^53-1',
  serialize: (value) => value,
});

/** Document content: any JSON object, served as is. */
export const JSONObject = new GraphQLScalarType({
  name: 'JSONObject',
  description: 'A JSON object',
  serialize: (value) => value,
});
