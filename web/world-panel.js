// <sail-world>: the room around the board (temperature inside and out,
// humidity, daylight, PM2.5) with sliders, and the parts of dev.json that read it.
import { el, send } from "./socket.js";

const QUANTITIES = [
  ["temperatureC", "room temperature", "°C", -10, 40, 0.1],
  ["outsideC", "outside temperature", "°C", -20, 40, 0.5],
  ["humidityPct", "relative humidity", "%", 0, 100, 1],
  ["sky", "daylight (sky)", "", 0, 1, 0.05],
  ["pm25", "PM2.5", "µg/m³", 0, 500, 1],
];

class WorldPanel extends HTMLElement {
  hello(m) {
    this.rows = new Map();
    const parts = m.setup.parts.map((p) => `${p.part} on ${p.part === "pms5003" ? "UART" : "I2C"} ${p.port}`);
    const loads = m.setup.loads.map((l) => `${l.kind} on GPIO ${l.gpio.join("+")}`);
    const rows = QUANTITIES.map(([key, label, unit, min, max, step]) => {
      const value = el("span", { class: "value" });
      const slider = el("input", {
        type: "range",
        min,
        max,
        step,
        "data-world": key,
        oninput: (e) => send({ type: "world", quantity: key, value: Number(e.target.value) }),
      });
      // While a slider is held the room follows the hand, not the model.
      slider.addEventListener("pointerdown", () => (slider.dataset.held = "1"));
      slider.addEventListener("pointerup", () => delete slider.dataset.held);
      this.rows.set(key, { slider, value, unit });
      return el("div", { class: "row" }, el("label", {}, label), slider, value);
    });
    const wired = [...parts, ...loads];
    this.heater = el("div", { class: "note" });
    this.replaceChildren(
      el("h2", {}, "world"),
      ...rows,
      this.heater,
      el(
        "div",
        { class: "note" },
        wired.length === 0 ? "no parts or loads (add them in dev.json)" : `wired: ${wired.join(", ")}`,
      ),
    );
  }

  apply(b) {
    if (this.rows === undefined) return;
    for (const [key, row] of this.rows) {
      const v = b.world[key];
      if (row.slider.dataset.held === undefined && document.activeElement !== row.slider) row.slider.value = String(v);
      row.value.textContent = `${v.toFixed(key === "sky" ? 2 : 1)} ${row.unit}`;
    }
    this.heater.textContent = `heating ${b.world.heaterW.toFixed(0)} W, ${b.world.lux.toFixed(0)} lx in the room`;
  }
}

customElements.define("sail-world", WorldPanel);
