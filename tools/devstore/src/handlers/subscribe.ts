import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventLog } from '../storage/EventLog.ts';
import { compileFilter } from '../protocol/eventFilter.ts';
import { streamDeletedFailure } from '../protocol/grpcErrors.ts';
import { readEventFrame } from '../protocol/encodeReadEvent.ts';
import { caughtUpResponse, checkpointResponse, confirmationResponse } from '../protocol/readResponses.ts';
import type { WireReadOptions } from './readHandler.ts';
import type { ResponseWriter } from '../grpc/ResponseWriter.ts';
import { pageSize } from '../storage/types.ts';
import { streamNameOf, WireRequestError } from '../protocol/wireRequests.ts';

// Idle checkpoints reach one subscriber at most this often. Sent on every commit, they woke each
// service whose filter skips a steady stream of records (and its whole client stack) once per
// commit: 2–3% of a core for each such service at 200 commands/s, about 1% without them.
const idleCheckpointGapMs = 50;

/**
 * A catch-up subscription that never switches source: catch-up and live both
 * read the log after the last delivered position, woken by commits. That is
 * what guarantees no gap and no duplicate at the hand-over. The commit signal
 * is taken before each read, so a commit landing while we wait on the client's
 * flow control is never missed.
 */
export async function subscribe(log: EventLog, options: WireReadOptions, writer: ResponseWriter): Promise<void> {
  const structured = options.uuid_option?.structured !== undefined;
  let caughtUp = false;

  if (options.stream) {
    const stream = streamNameOf(options.stream.stream_identifier);
    const initial = log.streamInfo(stream);
    // Start points are exclusive: from revision R delivers R+1 onwards.
    let after: number;
    if (options.stream.revision !== undefined) after = Number(options.stream.revision);
    else if (options.stream.end) after = initial.kind === 'ok' ? initial.lastRevision : -1;
    else after = -1;
    // Confirm only once the start point is fixed: a client may write as soon as it hears back.
    await writer.write(confirmationResponse(crypto.randomUUID()));
    while (!writer.isCancelled) {
      const signal = log.waitForCommit();
      const info = log.streamInfo(stream);
      if (info.kind === 'deleted') throw new WireRequestError(streamDeletedFailure(stream));
      const events = info.kind === 'ok' ? log.readStream(stream, info, 'forwards', after + 1, pageSize) : [];
      for (const event of events) if (!writer.sendFrame(readEventFrame(event, structured))) await writer.drained();
      const last = events.at(-1);
      if (last) after = last.revision;
      if (events.length === pageSize) continue;
      if (!caughtUp) {
        caughtUp = true;
        await writer.write(caughtUpResponse({ revision: after }));
      }
      await writer.until(signal);
    }
    return;
  }

  const all = options.all ?? {};
  const filter = compileFilter(options.filter);
  let after: number;
  if (all.position) after = Number(all.position.commit_position ?? 0);
  else if (all.end) after = log.lastPosition();
  else after = 0;
  await writer.write(confirmationResponse(crypto.randomUUID()));
  let scanned = 0;
  // Whether records were filtered out since the last event or checkpoint the client got.
  let unreported = false;
  let lastIdleCheckpointAt = Number.NEGATIVE_INFINITY;
  while (!writer.isCancelled) {
    const signal = log.waitForCommit();
    const events = log.readAll('forwards', after + 1, pageSize);
    for (const event of events) {
      after = event.position;
      if (!filter || filter.matches(event)) {
        if (!writer.sendFrame(readEventFrame(event, structured))) await writer.drained();
        unreported = false;
      } else unreported = true;
      if (filter && ++scanned >= filter.checkpointEvery) {
        scanned = 0;
        unreported = false;
        await writer.write(checkpointResponse(after));
      }
    }
    if (events.length === pageSize) continue;
    if (!caughtUp) {
      caughtUp = true;
      unreported = false;
      if (filter) await writer.write(checkpointResponse(after));
      await writer.write(caughtUpResponse({ position: after }));
    } else if (unreported) {
      // Live and idle with only filtered-out records since the last report: say how far the
      // scan got, so consumers (read-your-writes, PROJECTION_UPDATED) need not wait for a
      // full checkpoint window of unrelated records. Clients accept a checkpoint at any time.
      const wait = lastIdleCheckpointAt + idleCheckpointGapMs - Date.now();
      if (wait > 0) {
        // Too soon after the last one: look again when it is due, or at the next commit.
        await writer.until(Promise.race([signal, sleep(wait, undefined, { ref: false })]));
        continue;
      }
      unreported = false;
      scanned = 0;
      lastIdleCheckpointAt = Date.now();
      await writer.write(checkpointResponse(after));
    }
    await writer.until(signal);
  }
}
