import type { ExpectedRevision, WriteOutcome } from '../storage/types.ts';

type Ok = WriteOutcome & { kind: 'ok' };
type Wrong = WriteOutcome & { kind: 'wrong_expected_version' };

function positionOf(outcome: Ok): object {
  if (outcome.position === undefined) return { no_position: {} };
  const p = String(outcome.position);
  return { position: { commit_position: p, prepare_position: p } };
}

/** AppendResp.Success and BatchAppendResp.Success share their shape. */
export function appendSuccess(outcome: Ok): object {
  return {
    ...(outcome.revision === undefined ? { no_stream: {} } : { current_revision: String(outcome.revision) }),
    ...positionOf(outcome),
  };
}

function expected20(expected: ExpectedRevision): object {
  switch (expected.kind) {
    case 'exact':
      return { expected_revision_20_6_0: String(expected.revision) };
    case 'stream_exists':
      return { stream_exists_20_6_0: {} };
    default:
      return { any_20_6_0: {} };
  }
}

function expectedCurrent(expected: ExpectedRevision): object {
  switch (expected.kind) {
    case 'exact':
      return { expected_revision: String(expected.revision) };
    case 'stream_exists':
      return { expected_stream_exists: {} };
    case 'no_stream':
      return { expected_no_stream: {} };
    case 'any':
      return { expected_any: {} };
  }
}

/** AppendResp.WrongExpectedVersion, with both the 20.6.0 and the current field sets filled in. */
export function appendWrongExpectedVersion(outcome: Wrong): object {
  const current = outcome.current;
  return {
    ...(current === undefined
      ? { no_stream_20_6_0: {}, current_no_stream: {} }
      : { current_revision_20_6_0: String(current), current_revision: String(current) }),
    ...expected20(outcome.expected),
    ...expectedCurrent(outcome.expected),
  };
}

export function deletePosition(position: number | undefined): object {
  if (position === undefined) return { no_position: {} };
  return { position: { commit_position: String(position), prepare_position: String(position) } };
}
