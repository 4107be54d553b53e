// <sail-board>: the board drawn from its profile: every pin with its level and
// direction (click an input to drive it high, low, or let it float), LEDs with
// their PWM brightness and colour, buttons to click or hold, ADC sliders in mV.
import { el, send } from "./socket.js";

const ATTEN_DB = ["0 dB", "2.5 dB", "6 dB", "12 dB"];

class BoardView extends HTMLElement {
  hello(m) {
    this.pinsByGpio = new Map();
    this.leds = [];
    this.adcs = new Map();
    this.ranges = m.adcRangeMv;
    const pins = el("div", { class: "pins" });
    for (const p of m.pins) {
      const title = [p.note, p.reserved === null ? null : `reserved: ${p.reserved}`]
        .filter((x) => x !== null)
        .join("; ");
      const box = el(
        "div",
        { class: p.reserved === null ? "pin" : "pin reserved", "data-gpio": p.gpio, title, "data-level": 0 },
        el("span", { class: "dot" }),
        `GPIO ${p.gpio}`,
        el("span", { class: "dir" }, ""),
      );
      if (p.reserved === null) box.addEventListener("click", () => this.#cycleDrive(p.gpio));
      this.pinsByGpio.set(p.gpio, box);
      pins.append(box);
    }
    const leds = el("div", { class: "leds" });
    if (m.led !== null) leds.append(this.#led(m.led.gpio, "on-board LED", "#5ab0ff", m.led.activeHigh));
    for (const l of m.setup.leds) leds.append(this.#led(l.gpio, l.name, l.color, true));
    const buttons = el("div", { class: "buttons" });
    for (const b of [...m.buttons, ...m.setup.buttons]) {
      const up = () => send({ type: "release", button: b.name });
      const button = el(
        "button",
        {
          "data-button": b.name,
          title: `GPIO ${b.gpio}, to ${b.activeLow ? "GND" : "3V3"}: press and hold`,
          onpointerdown: () => send({ type: "press", button: b.name }),
          onpointerup: up,
          onpointerleave: (e) => e.buttons !== 0 && up(),
        },
        `${b.name} (GPIO ${b.gpio})`,
      );
      buttons.append(button);
    }
    const adcs = el("div", { class: "adcs" });
    for (const p of m.pins.filter((x) => x.adc)) {
      const value = el("span", { class: "value" }, "0 mV");
      const top = Math.max(...m.adcRangeMv.map((r) => r[1]));
      const slider = el("input", {
        type: "range",
        min: 0,
        max: top,
        step: 10,
        value: 0,
        "data-adc": p.gpio,
        oninput: (e) => send({ type: "voltage", gpio: p.gpio, mv: Number(e.target.value) }),
      });
      const range = el("span", { class: "note" }, "not set up");
      this.adcs.set(p.gpio, { slider, value, range });
      adcs.append(el("div", { class: "row" }, el("label", {}, `ADC GPIO ${p.gpio}`), slider, value, range));
    }
    this.replaceChildren(
      el("h2", {}, `${m.board.name}`),
      pins,
      leds,
      buttons,
      el("details", {}, el("summary", { class: "dim" }, "ADC inputs (mV)"), adcs),
    );
  }

  #led(gpio, name, color, activeHigh) {
    const bulb = el("div", { class: "bulb" });
    const box = el("div", { class: "led", "data-led": gpio, "data-duty": 0, title: `GPIO ${gpio}` }, bulb, name);
    this.leds.push({ gpio, bulb, box, color, activeHigh });
    return box;
  }

  /** A click drives the pad high, the next low, the next lets it float again. */
  #cycleDrive(gpio) {
    const box = this.pinsByGpio.get(gpio);
    const now = box.dataset.drive ?? "";
    const next = now === "" ? 1 : now === "1" ? 0 : null;
    box.dataset.drive = next === null ? "" : String(next);
    send({ type: "drive", gpio, level: next });
  }

  apply(b) {
    if (this.pinsByGpio === undefined) return;
    for (const [gpio, s] of Object.entries(b.pins)) {
      const box = this.pinsByGpio.get(Number(gpio));
      if (box === undefined) continue;
      box.dataset.level = String(s.level);
      box.dataset.dir = s.dir;
      box.dataset.duty = s.duty === null ? "" : s.duty.toFixed(4);
      box.classList.toggle("driven", s.driven);
      box.querySelector(".dir").textContent = s.duty !== null ? `PWM ${(s.duty * 100).toFixed(0)}%` : s.dir;
      const adc = this.adcs.get(Number(gpio));
      if (adc !== undefined) {
        const range = s.atten === null ? null : this.ranges[s.atten];
        adc.range.textContent = range === null ? "not set up" : `${ATTEN_DB[s.atten]}: ${range[0]}–${range[1]} mV`;
        if (range !== null) adc.slider.max = String(range[1]);
        adc.value.textContent = `${s.mv} mV`;
      }
      for (const led of this.leds.filter((l) => l.gpio === Number(gpio))) {
        // An addressable LED (the C3's WS2812) shows the colour it was sent, at its brightness.
        const rgb = s.leds !== null && s.leds.length > 0 ? s.leds[0] : null;
        const color = rgb === null ? led.color : `#${rgb.toString(16).padStart(6, "0")}`;
        const on =
          rgb !== null
            ? Math.max((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff) / 255
            : s.duty !== null
              ? s.duty
              : (s.level === 1) === led.activeHigh
                ? 1
                : 0;
        led.box.dataset.duty = on.toFixed(4);
        led.box.dataset.rgb = rgb === null ? "" : color;
        led.bulb.style.background = on > 0 ? color : "#000";
        led.bulb.style.opacity = String(0.15 + 0.85 * on);
        led.bulb.style.boxShadow = on > 0 ? `0 0 ${4 + 14 * on}px ${color}` : "none";
      }
    }
  }
}

customElements.define("sail-board", BoardView);
