import { Binary, UUID } from 'bson';
import { isPlainObject, type Doc } from '../bson/paths.ts';
import { MongoCommandError } from '../MongoCommandError.ts';
import { compileFilter } from '../query/compileFilter.ts';
import { checkFields, collectionName, type CommandContext, type CommandHandlerFn } from './CommandContext.ts';

const genericCreateFields = new Set([
  'create',
  '$db',
  'lsid',
  '$clusterTime',
  '$readPreference',
  'writeConcern',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
]);

function create(command: Doc, ctx: CommandContext): Doc {
  // Capped, validated, clustered, time-series collections and views are all refused by name.
  const option = Object.keys(command).find((field) => !genericCreateFields.has(field));
  if (option) throw new MongoCommandError('InvalidOptions', `devmongo does not support the collection option '${option}'`);
  // Since MongoDB 7.0, creating an existing collection with identical options succeeds;
  // no options are accepted here, so an existing collection always has identical ones.
  ctx.catalog.getOrCreate(ctx.db, collectionName(command));
  return { ok: 1 };
}

function drop(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, []);
  const name = collectionName(command);
  const dropped = ctx.catalog.drop(ctx.db, name);
  // Dropping a missing collection succeeds, as on MongoDB 7.
  return dropped ? { ns: dropped.ns, nIndexesWas: dropped.indexes.size, ok: 1 } : { ok: 1 };
}

function dropDatabase(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, []);
  ctx.catalog.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
}

function splitNamespace(ns: unknown, field: string): [string, string] {
  const dot = typeof ns === 'string' ? ns.indexOf('.') : -1;
  if (typeof ns !== 'string' || dot <= 0 || dot === ns.length - 1) {
    throw new MongoCommandError('InvalidNamespace', `Invalid ${field} namespace: ${String(ns)}`);
  }
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}

// Rebuilds swap a freshly built collection in with dropTarget; only the catalog changes.
function renameCollection(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['to', 'dropTarget', 'stayTemp']);
  if (ctx.db !== 'admin') throw new MongoCommandError('Unauthorized', 'renameCollection may only be run against the admin database.');
  const [fromDb, fromName] = splitNamespace(command.renameCollection, 'source');
  const [toDb, toName] = splitNamespace(command.to, 'target');
  const source = ctx.catalog.get(fromDb, fromName);
  if (!source) throw new MongoCommandError('NamespaceNotFound', `Source collection ${fromDb}.${fromName} does not exist`);
  if (fromDb === toDb && fromName === toName) throw new MongoCommandError('IllegalOperation', "Can't rename a collection to itself");
  if (ctx.catalog.get(toDb, toName)) {
    if (command.dropTarget !== true) throw new MongoCommandError('NamespaceExists', 'target namespace exists');
    ctx.catalog.drop(toDb, toName);
  }
  ctx.catalog.rename(source, toDb, toName);
  return { ok: 1 };
}

function listCollections(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['filter', 'nameOnly', 'authorizedCollections', 'cursor']);
  const matches = compileFilter(command.filter);
  const docs = ctx.catalog
    .collections(ctx.db)
    .map((c) =>
      command.nameOnly === true
        ? { name: c.name, type: 'collection' }
        : {
            name: c.name,
            type: 'collection',
            options: {},
            info: { readOnly: false, uuid: new Binary(new UUID(uuidOf(c.cid)).buffer, Binary.SUBTYPE_UUID) },
            idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
          },
    )
    .filter((doc) => matches(doc));
  const batchSize = isPlainObject(command.cursor) && typeof command.cursor.batchSize === 'number' ? command.cursor.batchSize : undefined;
  return ctx.cursors.open(`${ctx.db}.$cmd.listCollections`, docs, batchSize);
}

function uuidOf(cid: number): string {
  return `00000000-0000-4000-8000-${cid.toString(16).padStart(12, '0')}`;
}

function listDatabases(command: Doc, ctx: CommandContext): Doc {
  checkFields(command, ['filter', 'nameOnly', 'authorizedDatabases']);
  const matches = compileFilter(command.filter);
  const databases = ctx.catalog
    .databaseNames()
    .map((name) => (command.nameOnly === true ? { name } : { name, sizeOnDisk: 0, empty: false }))
    .filter((doc) => matches(doc));
  return { databases, totalSize: 0, totalSizeMb: 0, ok: 1 };
}

export const namespaceCommands: Readonly<Record<string, CommandHandlerFn>> = {
  create,
  drop,
  dropDatabase,
  renameCollection,
  listCollections,
  listDatabases,
};
