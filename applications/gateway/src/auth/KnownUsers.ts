import type { AggregatorOptions } from '@causeway/runtime';
import DataLoader from 'dataloader';
import { pollFor } from '../http/pollFor.ts';

/** Whether a token's subject is a registered user (TokenIssuer asks before it accepts a token). */
export interface SubjectCheck {
  exists(userId: string): Promise<boolean>;
  /** A user this gateway has just proved registered (it issues them a token). */
  remember(userId: string): void;
}

// Most user ids remembered; past it the oldest are forgotten (and looked up again if they come back).
const maxRemembered = 100_000;
const maxBatch = 200;

/**
 * The registered users, as the `users` view (users aggregator, `_id` = user id) knows them.
 * A user once registered stays registered (there is no event that removes one), so a
 * positive answer is remembered for good, bounded in number; a negative one is not kept.
 * The view follows the log a few ms behind, so an id it does not have is asked again for
 * up to `waitMs` (a token issued by another gateway instance just after registration);
 * a gateway that issues a token remembers its subject, so its own new users never wait.
 * Lookups of one turn go out as one `$in` query, and concurrent lookups of one id share
 * their wait.
 */
export class KnownUsers implements SubjectCheck {
  private readonly known = new Set<string>();
  private readonly asking = new Map<string, Promise<boolean>>();
  private readonly inView: DataLoader<string, boolean>;

  constructor(
    db: AggregatorOptions['db'],
    private readonly waitMs: number,
  ) {
    const users = db.collection<{ _id: string }>('users');
    this.inView = new DataLoader<string, boolean>(
      async (ids) => {
        const found = new Set((await users.find({ _id: { $in: [...ids] } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
        return ids.map((id) => found.has(id));
      },
      { cache: false, maxBatchSize: maxBatch, batchScheduleFn: (run) => setImmediate(run) },
    );
  }

  remember(userId: string): void {
    if (this.known.has(userId)) return;
    if (this.known.size >= maxRemembered) this.known.delete(this.known.values().next().value as string);
    this.known.add(userId);
  }

  exists(userId: string): Promise<boolean> {
    if (this.known.has(userId)) return Promise.resolve(true);
    let answer = this.asking.get(userId);
    if (!answer) {
      answer = pollFor(async () => ((await this.inView.load(userId)) ? true : undefined), this.waitMs)
        .then((found) => {
          if (found) this.remember(userId);
          return found === true;
        })
        .finally(() => this.asking.delete(userId));
      this.asking.set(userId, answer);
    }
    return answer;
  }
}
