// What the page sends, checked before it reaches the board: anything that is
// not one of protocol.ts's commands is answered with a message saying what
// was wrong, and nothing else happens.

import { WORLD_QUANTITIES, type Command } from "./protocol.js";

const SPEEDS: readonly unknown[] = [1, 10, 100, "max"];

const int = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x) && x >= 0;
const num = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

/** The command in a socket message, or a message saying why it is none. */
export function parseCommand(text: string): Command | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "not an object";
  const o = json as Record<string, unknown>;
  switch (o["type"]) {
    case "press":
    case "release":
      return typeof o["button"] === "string" ? { type: o["type"], button: o["button"] } : "button: give its name";
    case "drive": {
      const level = o["level"];
      if (!int(o["gpio"])) return "drive: gpio must be a GPIO number";
      if (level !== 0 && level !== 1 && level !== null) return "drive: level must be 0, 1 or null (float)";
      return { type: "drive", gpio: o["gpio"], level };
    }
    case "voltage":
      return int(o["gpio"]) && num(o["mv"]) ? { type: "voltage", gpio: o["gpio"], mv: o["mv"] } : "voltage: {gpio, mv}";
    case "world": {
      const q = o["quantity"];
      if (typeof q !== "string" || !(q in WORLD_QUANTITIES))
        return `world: quantity must be one of ${Object.keys(WORLD_QUANTITIES).join(", ")}`;
      return num(o["value"])
        ? { type: "world", quantity: q as keyof typeof WORLD_QUANTITIES, value: o["value"] }
        : "world: value must be a number";
    }
    case "set":
      return int(o["siid"]) && int(o["piid"]) && "value" in o
        ? { type: "set", siid: o["siid"], piid: o["piid"], value: o["value"] }
        : "set: {siid, piid, value}";
    case "action":
      return int(o["siid"]) && int(o["aiid"]) && Array.isArray(o["input"])
        ? { type: "action", siid: o["siid"], aiid: o["aiid"], input: o["input"] as unknown[] }
        : "action: {siid, aiid, input: [...]}";
    case "refresh":
    case "pause":
    case "resume":
      return { type: o["type"] };
    case "speed":
      return SPEEDS.includes(o["speed"])
        ? { type: "speed", speed: o["speed"] as 1 | 10 | 100 | "max" }
        : "speed: 1, 10, 100 or max";
    case "step":
      return num(o["ms"]) && o["ms"] > 0 && o["ms"] <= 60_000
        ? { type: "step", ms: o["ms"] }
        : "step: ms from 0 to 60000";
    default:
      return `unknown command type ${typeof o["type"] === "string" ? o["type"] : "(none)"}`;
  }
}
