import type { ContractProblem } from './ContractProblem.ts';
import type { ContractSource } from './ContractSource.ts';
import type { StrayFile } from './loadContracts.ts';

// Irregular past participles that event names may end with.
const IRREGULAR_PAST = new Set([
  'Sent',
  'Paid',
  'Held',
  'Won',
  'Lost',
  'Built',
  'Made',
  'Bought',
  'Sold',
  'Set',
  'Put',
  'Cut',
  'Shut',
  'Read',
  'Kept',
  'Left',
  'Met',
  'Found',
  'Given',
  'Taken',
  'Chosen',
  'Written',
  'Begun',
  'Done',
  'Drawn',
  'Shown',
  'Known',
  'Bound',
  'Spent',
  'Split',
  'Reset',
  'Undone',
  'Withdrawn',
  'Forgotten',
  'Frozen',
  'Hidden',
  'Risen',
  'Struck',
  'Told',
  'Brought',
  'Caught',
  'Taught',
  'Thought',
  'Sought',
  'Upheld',
  'Overridden',
]);

const words = (name: string) => name.match(/[A-Z][a-z0-9]*/g) ?? [name];

export function isPastTense(word: string): boolean {
  return /[a-z]ed$/.test(word) || IRREGULAR_PAST.has(word);
}

/**
 * The naming rules of docs/ARCHITECTURE.md §3: commands are imperative (they start with a
 * verb in the base form, so not past tense and not a gerund), events are past
 * tense (they end with a past participle), `$id` matches the path, one context
 * per folder, and a type name means one thing across contexts because the
 * event store knows records by type name alone.
 */
export function checkNaming(contracts: readonly ContractSource[], strays: readonly StrayFile[]): ContractProblem[] {
  const problems: ContractProblem[] = strays.map((s) => ({ schema: s.file, pointer: '', rule: 'naming/location', message: s.reason }));
  const contextOfType = new Map<string, string>();
  for (const c of contracts) {
    const at = (rule: string, message: string, pointer = '') => problems.push({ schema: c.id, pointer, rule, message });
    if (c.schema.$id !== c.id) at('naming/id-matches-path', `$id is ${JSON.stringify(c.schema.$id)} but the file ${c.file} requires "${c.id}"`, '/$id');
    if (typeof c.schema.description !== 'string' || c.schema.description.trim() === '')
      at('naming/description', 'a contract needs a description', '/description');
    if (c.schema.type !== 'object') at('naming/object', 'a message schema must describe an object', '/type');
    if (!/^[a-z][a-z0-9-]*$/.test(c.context)) at('naming/context', `context folder "${c.context}" must be lower-case letters, digits and hyphens`);
    const first = words(c.type)[0] ?? c.type;
    const last = words(c.type).at(-1) ?? c.type;
    if (c.kind === 'command' && (isPastTense(first) || /ing$/.test(first))) {
      at('naming/command-imperative', `command type ${c.type} must start with a verb in the imperative (e.g. Place, Register), not "${first}"`);
    }
    if (c.kind === 'command' && isPastTense(last)) {
      at('naming/command-imperative', `command type ${c.type} reads like an event (ends in past tense "${last}")`);
    }
    if (c.kind === 'event' && !isPastTense(last)) {
      at('naming/event-past-tense', `event type ${c.type} must end with a verb in the past tense (e.g. Placed, Registered), not "${last}"`);
    }
    const seen = contextOfType.get(c.type);
    if (seen !== undefined && seen !== c.context)
      at('naming/unique-type', `type ${c.type} is also defined in context ${seen}; type names are global in the event store`);
    contextOfType.set(c.type, c.context);
  }
  const versions = new Map<string, number[]>();
  for (const c of contracts) versions.set(`${c.context}/${c.type}`, [...(versions.get(`${c.context}/${c.type}`) ?? []), c.version]);
  for (const [key, list] of versions) {
    const sorted = [...list].sort((a, b) => a - b);
    sorted.forEach((v, i) => {
      if (v !== i + 1)
        problems.push({
          schema: `${key}@${v}`,
          pointer: '',
          rule: 'naming/version-sequence',
          message: `versions of ${key} must run 1, 2, 3…; found ${sorted.join(', ')}`,
        });
    });
  }
  return problems;
}
