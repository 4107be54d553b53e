// The home's automation engine: a hub that speaks MIoT to the boards over the
// virtual LAN (miIO.sub for properties_changed / event_occured pushes, plus
// get_properties polling where a rule asks for it) and sends set_properties /
// action commands, with every firing logged at its virtual time.

import type { MiioClient, PropertyResult } from "../miot/client.js";
import type { Spec } from "../miot/spec.js";
import type { Alarm, VirtualClock } from "../time/clock.js";
import { formatSeconds } from "../time/duration.js";
import { AutomationError, resolveRule, type ResolvedCommand, type ResolvedRule, type Rule } from "./rules.js";

/** What the engine needs from its home. */
export interface AutomationHost {
  readonly clock: VirtualClock;
  /** The device's spec; throws naming the devices there are if `device` is unknown. */
  spec(device: string): Spec;
  /** The hub's miIO client for `device`. */
  client(device: string): MiioClient;
  /** Lets the home wait for a reply that settles in a promise. */
  track<T>(p: Promise<T>): Promise<T>;
}

/**
 * fired: the trigger started the rule; retriggered: it came again while the
 * rule was active; cleared: a property condition stopped holding; quiet: the
 * quiet time passed; command: a command sent; error: a read or a
 * subscription that failed.
 */
export type LogKind = "fired" | "retriggered" | "cleared" | "quiet" | "command" | "error";

export interface AutomationLogEntry {
  readonly timeUs: number;
  readonly rule: string;
  readonly kind: LogKind;
  readonly detail: string;
  /** Commands: "pending" until the device replies, then "ok", "code -4005" or "failed: ...". */
  result?: string;
}

/** Subscribers identify themselves in miIO.sub; this is the hub's name. */
const HUB_DID = "sail-home";

interface RuleState {
  readonly r: ResolvedRule;
  active: boolean;
  holding: boolean;
  timer: Alarm | null;
}

export class Automation {
  readonly log: AutomationLogEntry[] = [];
  readonly #host: AutomationHost;
  readonly #rules: RuleState[] = [];
  readonly #subscribed = new Set<string>();
  readonly #listeners: ((entry: AutomationLogEntry) => void)[] = [];
  readonly #polls: Alarm[] = [];
  #started = false;
  #stopped = false;

  constructor(host: AutomationHost) {
    this.#host = host;
  }

  /** Adds a rule, checked against the devices' specs. After start() it is watched at once. */
  add(rule: Rule): this {
    if (this.#rules.some((s) => s.r.rule.name === rule.name)) {
      throw new AutomationError(`automation: a rule named "${rule.name}" already exists; rule names must be unique`);
    }
    const state: RuleState = {
      r: resolveRule(rule, (d) => this.#host.spec(d)),
      active: false,
      holding: false,
      timer: null,
    };
    this.#rules.push(state);
    if (this.#started) {
      void this.#host.track(
        this.#watch(state).catch((e: unknown) => {
          this.#write(
            rule.name,
            "error",
            `could not watch ${state.r.when.label}: ${e instanceof Error ? e.message : String(e)}`,
          );
        }),
      );
    }
    return this;
  }

  /** Calls `listener` with every log entry as it is written. */
  onLog(listener: (entry: AutomationLogEntry) => void): void {
    this.#listeners.push(listener);
  }

  /**
   * Subscribes to every device a rule watches, reads the properties rules
   * test (so a condition that already holds fires), starts polling, and
   * handshakes with the devices commands go to. Resolves once all of it has
   * been answered: advance the home's clock meanwhile (`home.settle(...)`).
   */
  async start(): Promise<void> {
    if (this.#started) throw new AutomationError("automation: start() was already called");
    this.#started = true;
    await Promise.all(this.#rules.map((s) => this.#watch(s)));
  }

  /** Stops polling and timers; pushes are ignored from now on. */
  stop(): void {
    this.#stopped = true;
    for (const a of this.#polls) this.#host.clock.cancel(a);
    for (const s of this.#rules) this.#host.clock.cancel(s.timer);
  }

  /** The log as text lines: "  300.001234 hall light: quiet 5 min → ..." */
  format(): string[] {
    return this.log.map(
      (e) =>
        `${formatSeconds(e.timeUs).padStart(14)} ${e.rule}: ${e.kind} ${e.detail}` +
        (e.result === undefined ? "" : ` [${e.result}]`),
    );
  }

  async #watch(s: RuleState): Promise<void> {
    const t = s.r.when;
    const targets = new Set([...s.r.then, ...s.r.otherwise, ...s.r.afterQuiet].map((c) => c.device));
    const work: Promise<unknown>[] = [...targets].map((d) => this.#host.client(d).handshake());
    work.push(this.#subscribe(t.device));
    await Promise.all(work);
    if (t.kind !== "property") return;
    await this.#read(s.r.rule.name, t.device, t.siid, t.iid);
    if (t.pollUs !== null) this.#poll(s.r.rule.name, t.device, t.siid, t.iid, t.pollUs);
  }

  /** One miIO.sub per device; its pushes feed the rules. */
  async #subscribe(device: string): Promise<void> {
    if (this.#subscribed.has(device)) return;
    this.#subscribed.add(device);
    const client = this.#host.client(device);
    client.onPush((method, params) => {
      if (this.#stopped) return;
      if (method === "event_occured" && isRecord(params))
        this.#event(device, Number(params["siid"]), Number(params["eiid"]));
      if (method === "properties_changed" && Array.isArray(params)) {
        for (const p of params)
          if (isRecord(p)) this.#property(device, Number(p["siid"]), Number(p["piid"]), p["value"]);
      }
    });
    await client.call("miIO.sub", { version: "2.0", did: HUB_DID, update_ts: 0, sub_method: "." });
  }

  /** Reads one property and feeds the value to the rules; the read is sent now. */
  #read(rule: string, device: string, siid: number, piid: number): Promise<void> {
    const reply = this.#host.client(device).getProperties([{ siid, piid }]);
    return this.#host.track(
      reply.then(
        (items: PropertyResult[]) => {
          const item = items[0];
          if (item !== undefined && item.code === 0) this.#property(device, siid, piid, item.value);
          else this.#write(rule, "error", `${device} ${siid}.${piid}: read answered code ${item?.code ?? "none"}`);
        },
        (e: unknown) => {
          this.#write(
            rule,
            "error",
            `${device} ${siid}.${piid}: read failed: ${e instanceof Error ? e.message : String(e)}`,
          );
        },
      ),
    );
  }

  #poll(rule: string, device: string, siid: number, piid: number, everyUs: number): void {
    const tick = (): void => {
      if (this.#stopped) return;
      this.#polls.push(this.#host.clock.after(everyUs, tick));
      void this.#read(rule, device, siid, piid);
    };
    this.#polls.push(this.#host.clock.after(everyUs, tick));
  }

  #event(device: string, siid: number, eiid: number): void {
    for (const s of this.#rules) {
      const t = s.r.when;
      if (t.kind !== "event" || t.device !== device || t.siid !== siid || t.iid !== eiid) continue;
      if (s.r.quietUs === null) {
        this.#write(s.r.rule.name, "fired", t.label);
        this.#send(s, s.r.then);
        continue;
      }
      if (s.active) this.#write(s.r.rule.name, "retriggered", t.label);
      else {
        s.active = true;
        this.#write(s.r.rule.name, "fired", t.label);
        this.#send(s, s.r.then);
      }
      this.#startQuiet(s);
    }
  }

  #property(device: string, siid: number, piid: number, value: unknown): void {
    for (const s of this.#rules) {
      const t = s.r.when;
      if (t.kind !== "property" || t.device !== device || t.siid !== siid || t.iid !== piid) continue;
      const holds = t.holds(value);
      if (holds === s.holding) continue;
      s.holding = holds;
      const seen = `${t.label} (value ${JSON.stringify(value)})`;
      if (holds) {
        this.#host.clock.cancel(s.timer);
        s.timer = null;
        if (s.active) this.#write(s.r.rule.name, "retriggered", seen);
        else {
          s.active = true;
          this.#write(s.r.rule.name, "fired", seen);
          this.#send(s, s.r.then);
        }
        continue;
      }
      if (!s.active) continue;
      this.#write(s.r.rule.name, "cleared", seen);
      this.#send(s, s.r.otherwise);
      if (s.r.quietUs === null) s.active = false;
      else this.#startQuiet(s);
    }
  }

  #startQuiet(s: RuleState): void {
    const quietUs = s.r.quietUs;
    if (quietUs === null) return;
    this.#host.clock.cancel(s.timer);
    s.timer = this.#host.clock.after(quietUs, () => {
      s.timer = null;
      s.active = false;
      if (this.#stopped) return;
      this.#write(s.r.rule.name, "quiet", `${formatQuiet(quietUs)} without ${s.r.when.label}`);
      this.#send(s, s.r.afterQuiet);
    });
  }

  /** Sends each command now; its log entry gets the device's answer when it comes. */
  #send(s: RuleState, commands: readonly ResolvedCommand[]): void {
    for (const c of commands) {
      const entry = this.#write(s.r.rule.name, "command", c.label);
      entry.result = "pending";
      const client = this.#host.client(c.device);
      const code =
        c.kind === "set"
          ? client.setProperties([{ siid: c.siid, piid: c.iid, value: c.value }]).then((r) => r[0]?.code ?? NaN)
          : client.action(c.siid, c.iid, c.input).then((r) => r.code);
      void this.#host.track(
        code.then(
          (n) => {
            entry.result = n === 0 || n === 1 ? "ok" : `code ${n}`;
          },
          (e: unknown) => {
            entry.result = `failed: ${e instanceof Error ? e.message : String(e)}`;
          },
        ),
      );
    }
  }

  #write(rule: string, kind: LogKind, detail: string): AutomationLogEntry {
    const entry: AutomationLogEntry = { timeUs: this.#host.clock.now, rule, kind, detail };
    this.log.push(entry);
    for (const l of this.#listeners) l(entry);
    return entry;
  }
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function formatQuiet(us: number): string {
  if (us % 60_000_000 === 0) return `${us / 60_000_000} min`;
  if (us % 1_000_000 === 0) return `${us / 1_000_000} s`;
  return `${us / 1000} ms`;
}
