import { CausewayError } from '@causeway/errors';

/**
 * Eventide-style stream names (docs/ARCHITECTURE.md §4): entity `auction-<id>`,
 * command stream `auction:command-<id>`, a consumer's own checkpoint stream
 * `<name>:checkpoint`. The category is everything before the first `-`, which
 * is what EventStoreDB prefix filters select on.
 */
const CATEGORY = /^[a-z][a-zA-Z0-9]*(?::[a-z][a-zA-Z0-9]*)*$/;

function checkCategory(category: string): void {
  if (!CATEGORY.test(category)) {
    throw new CausewayError(
      'USAGE',
      `invalid category ${JSON.stringify(category)}: letters and digits, starting lower-case, optionally with :type suffixes, no "-"`,
    );
  }
}

function checkId(id: string): void {
  if (id.length === 0) throw new CausewayError('USAGE', 'an entity id cannot be empty');
}

export const streamNames = {
  entity(category: string, id: string): string {
    checkCategory(category);
    checkId(id);
    return `${category}-${id}`;
  },
  command(category: string, id: string): string {
    checkCategory(category);
    checkId(id);
    return `${category}:command-${id}`;
  },
  /** Prefix selecting every command stream of a category in a `$all` filter. */
  commandCategory(category: string): string {
    checkCategory(category);
    return `${category}:command-`;
  },
  /** Prefix selecting every entity stream of a category in a `$all` filter. */
  entityCategory(category: string): string {
    checkCategory(category);
    return `${category}-`;
  },
  /** A component's, saga's or policy's own checkpoint stream. */
  checkpoint(consumer: string): string {
    checkCategory(consumer);
    return `${consumer}:checkpoint`;
  },
  /** Where consumers stored their checkpoint before `<name>:checkpoint`: read, never written. */
  legacyPosition(consumer: string): string {
    checkCategory(consumer);
    return `${consumer}:position`;
  },
  /** `auction:command-42` → `auction:command`; `auction-42` → `auction`. */
  categoryOf(stream: string): string {
    const i = stream.indexOf('-');
    return i < 0 ? stream : stream.slice(0, i);
  },
  /** `auction-42` → `42`; a stream without `-` has no id. */
  idOf(stream: string): string | undefined {
    const i = stream.indexOf('-');
    return i < 0 ? undefined : stream.slice(i + 1);
  },
};
