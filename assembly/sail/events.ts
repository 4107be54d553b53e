// Event dispatch: the board delivers every event through sail_event(kind, id,
// a, b); the SDK looks the callback up in static tables indexed by the id it
// gave the board. AssemblyScript has no closures, so callbacks are plain
// function references; nothing here allocates.

import { EventKind, MAX_TIMERS, Status } from "./abi";

/** Called when a timer fires. */
export type TimerCallback = () => void;
/** Called on a pin edge with the new level and the time of the edge (µs). */
export type EdgeCallback = (level: bool, timeUs: i64) => void;

const MAX_PINS: i32 = 64;
// One table, 64 slots per event kind: slot (kind - 1) * 64 + id holds the
// callback the SDK registered for that id (0: none).
const SLOTS_PER_KIND: i32 = 64;
const slots = memory.data(2 * SLOTS_PER_KIND * 4);

function slot(kind: i32, id: i32): usize {
  return slots + ((<usize>(kind - 1) * SLOTS_PER_KIND + <usize>id) << 2);
}

/** @internal */
export function setTimerCallback(id: i32, cb: TimerCallback): void {
  store<u32>(slot(EventKind.TIMER, id), changetype<u32>(cb));
}

/** @internal */
export function setEdgeCallback(gpio: i32, cb: EdgeCallback | null): void {
  store<u32>(slot(EventKind.GPIO_EDGE, gpio), cb === null ? 0 : changetype<u32>(cb));
}

/** Handles every event of one kind (UART_RX, WAKE): registered by the SDK module that needs it, so firmware that does not use it does not carry it. */
export type KindHandler = (id: i32, a: i64, b: i64) => i32;
const MAX_KIND: i32 = 16;
const kindHandlers = memory.data(MAX_KIND * 4);

/** @internal */
export function setKindHandler(kind: i32, handler: KindHandler): void {
  store<u32>(kindHandlers + (<usize>kind << 2), changetype<u32>(handler));
}

let timersCreated: i32 = 0;

/** @internal Timers are never freed: ids are handed out in order. */
export function nextTimerId(): i32 {
  return timersCreated < MAX_TIMERS ? timersCreated++ : -1;
}

/** The board's entry point for every event. Re-export it from your entry file. */
export function sail_event(kind: i32, id: i32, a: i64, b: i64): i32 {
  if (kind > EventKind.GPIO_EDGE) {
    const fn = kind < MAX_KIND ? load<u32>(kindHandlers + (<usize>kind << 2)) : 0;
    return fn == 0 ? Status.ERR_NOT_FOUND : changetype<KindHandler>(fn)(id, a, b);
  }
  if (<u32>(kind - 1) >= 2 || <u32>id >= <u32>MAX_PINS) return Status.ERR_NOT_FOUND;
  const fn = load<u32>(slot(kind, id));
  if (fn == 0) return Status.ERR_NOT_FOUND;
  if (kind == EventKind.TIMER) changetype<TimerCallback>(fn)();
  else changetype<EdgeCallback>(fn)(a != 0, b);
  return Status.OK;
}
