import { Aggregator } from 'mingo';
import { ProcessingMode, type Options } from 'mingo/core';
import { cloneValue, isPlainObject, type Doc } from '../bson/paths.ts';
import { MongoCommandError } from '../MongoCommandError.ts';
import { compileFilter } from '../query/compileFilter.ts';
import { mingoOptions, translateMingoError } from '../query/mingoOptions.ts';
import { planCandidates } from '../query/planCandidates.ts';
import { sortDocuments } from '../query/sortDocuments.ts';
import { checkFields, checkHint, optionalNumber, type CommandContext, type CommandHandlerFn } from './CommandContext.ts';

// Stages that write, need a replica set, or have no meaning without a real server.
const refusedStages = new Set([
  '$out',
  '$merge',
  '$currentOp',
  '$collStats',
  '$indexStats',
  '$listSessions',
  '$listLocalSessions',
  '$planCacheStats',
  '$changeStream',
  '$search',
  '$searchMeta',
  '$geoNear',
  '$documents',
]);

// Stages whose mingo implementation never writes into its input documents.
const readOnlyStages = new Set(['$match', '$group', '$sort', '$skip', '$limit', '$count', '$sortByCount', '$project', '$lookup']);

function isReadOnly(stages: readonly Doc[]): boolean {
  return stages.every((stage) => {
    const name = Object.keys(stage)[0] as string;
    if (!readOnlyStages.has(name)) return false;
    // A $lookup sub-pipeline runs over the foreign collection's stored documents.
    const inner = name === '$lookup' && isPlainObject(stage.$lookup) ? stage.$lookup.pipeline : undefined;
    return !Array.isArray(inner) || isReadOnly(inner as Doc[]);
  });
}

function aggregate(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['pipeline', 'cursor', 'allowDiskUse', 'hint', 'explain', 'bypassDocumentValidation']);
  if (command.explain !== undefined && command.explain !== false) throw new MongoCommandError('BadValue', 'devmongo does not support explain');
  if (typeof command.aggregate !== 'string') {
    throw new MongoCommandError('BadValue', 'devmongo supports aggregate only on a collection, not database-level pipelines');
  }
  const pipeline = command.pipeline;
  if (!Array.isArray(pipeline)) throw new MongoCommandError('TypeMismatch', "'pipeline' option must be specified as an array");
  if (!isPlainObject(command.cursor))
    throw new MongoCommandError('FailedToParse', "The 'cursor' option is required, except for aggregate with the explain argument");
  for (const stage of pipeline) {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
      throw new MongoCommandError('Location40324', 'A pipeline stage specification object must contain exactly one field.');
    }
    const name = Object.keys(stage)[0] as string;
    if (refusedStages.has(name)) throw new MongoCommandError('BadValue', `devmongo does not support the ${name} stage`);
  }
  const collection = ctx.catalog.get(ctx.db, command.aggregate);
  checkHint(collection, command.hint);
  let input: Doc[] = [];
  let rest = pipeline as Doc[];
  if (collection) {
    const first = rest[0];
    // A leading $match goes through the index planner instead of mingo's full scan.
    if (first && '$match' in first) {
      const matches = compileFilter(first.$match);
      for (const doc of planCandidates(collection, first.$match)) if (matches(doc)) input.push(doc);
      rest = rest.slice(1);
    } else input = [...collection.docs.values()];
  }
  let results: Doc[];
  try {
    // Stored documents are shared, immutable snapshots: copy them first unless every stage builds new objects.
    const readOnly = isReadOnly(rest);
    const options = mingoOptions({
      processingMode: readOnly ? ProcessingMode.CLONE_OFF : ProcessingMode.CLONE_INPUT,
      collectionResolver: (name: string) => {
        const docs = [...(ctx.catalog.get(ctx.db, name)?.docs.values() ?? [])];
        return readOnly ? docs : docs.map(cloneValue);
      },
    });
    results = countShortcut(input, rest) ?? runStages(input, rest, options);
  } catch (error) {
    return translateMingoError(error, 'pipeline');
  }
  const batchSize = optionalNumber(command.cursor, 'batchSize');
  return ctx.cursors.open(`${ctx.db}.${command.aggregate}`, results, batchSize);
}

/**
 * countDocuments sends `$match, [$skip], [$limit], {$group: {_id: 1, n: {$sum: 1}}}`;
 * counting directly spares building a group over every matching document.
 */
function countShortcut(input: Doc[], stages: readonly Doc[]): Doc[] | undefined {
  let skip = 0;
  let limit = Infinity;
  for (const [i, stage] of stages.entries()) {
    if (i < stages.length - 1) {
      if (typeof stage.$skip === 'number' && i === 0) skip = stage.$skip;
      else if (typeof stage.$limit === 'number') limit = Math.min(limit, stage.$limit);
      else return undefined;
      continue;
    }
    const group = stage.$group;
    if (!isPlainObject(group) || Object.keys(group).length !== 2 || !isPlainObject(group.n)) return undefined;
    if (group._id !== 1 || Object.keys(group.n).length !== 1 || group.n.$sum !== 1) return undefined;
  }
  if (stages.length === 0) return undefined;
  const n = Math.max(0, Math.min(input.length - skip, limit));
  return n > 0 ? [{ _id: 1, n }] : [];
}

/**
 * Top-level $sort stages use the server's BSON ordering (arrays sort by their
 * smallest or largest element); mingo runs the stretches in between.
 */
function runStages(input: Doc[], stages: readonly Doc[], options: Partial<Options>): Doc[] {
  let docs = input;
  let segment: Doc[] = [];
  const flush = () => {
    if (segment.length > 0) docs = new Aggregator(segment, options).run(docs) as Doc[];
    segment = [];
  };
  for (const stage of stages) {
    if ('$sort' in stage) {
      flush();
      docs = sortDocuments([...docs], stage.$sort);
    } else segment.push(stage);
  }
  flush();
  return docs;
}

export const aggregateCommands: Readonly<Record<string, CommandHandlerFn>> = { aggregate };
