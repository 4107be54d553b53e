// <sail-wave>: a waveform strip of the pins that changed, over the last few
// seconds of virtual time, drawn on a canvas once per batch frame.
import { el } from "./socket.js";

const WINDOW_US = 5_000_000;
const ROW = 18;
/** Points kept per pin: enough for 1,000 changes a second over the window. */
const KEEP = 6000;

class WaveStrip extends HTMLElement {
  connectedCallback() {
    if (this.canvas !== undefined) return;
    this.canvas = el("canvas");
    this.dropped = el("span", { class: "note" });
    this.replaceChildren(el("div", { class: "row" }, el("h2", {}, "pins, last 5 s"), this.dropped), this.canvas);
    this.series = new Map();
    this.nowUs = 0;
    this.totalDropped = 0;
  }

  hello() {}

  apply(b) {
    for (const [t, gpio, v] of b.wave) {
      let s = this.series.get(gpio);
      if (s === undefined) this.series.set(gpio, (s = []));
      s.push(t, v);
      if (s.length > KEEP * 2) s.splice(0, s.length - KEEP * 2);
    }
    this.totalDropped += b.waveDropped;
    this.dropped.textContent =
      this.totalDropped > 0 ? `${this.totalDropped} changes not drawn (too many per batch)` : "";
    this.nowUs = b.nowUs;
    this.#draw();
  }

  #draw() {
    const c = this.canvas;
    const gpios = [...this.series.keys()].sort((a, b) => a - b);
    const width = c.clientWidth || 600;
    const height = Math.max(40, gpios.length * ROW + 4);
    if (c.width !== width) c.width = width;
    if (c.height !== height) c.height = height;
    c.style.height = `${height}px`;
    const g = c.getContext("2d");
    g.clearRect(0, 0, width, height);
    g.font = "11px monospace";
    const left = 60;
    const x = (t) => left + ((t - (this.nowUs - WINDOW_US)) / WINDOW_US) * (width - left);
    gpios.forEach((gpio, row) => {
      const top = row * ROW + 3;
      g.fillStyle = "#8a93a0";
      g.fillText(`GPIO ${gpio}`, 4, top + 12);
      g.strokeStyle = "#4cd964";
      g.beginPath();
      const s = this.series.get(gpio);
      let value = 0;
      let px = left;
      for (let i = 0; i < s.length; i += 2) {
        if (s[i] < this.nowUs - WINDOW_US) {
          value = s[i + 1];
          continue;
        }
        const xi = Math.max(left, x(s[i]));
        g.moveTo(px, top + (1 - value) * (ROW - 6));
        g.lineTo(xi, top + (1 - value) * (ROW - 6));
        value = s[i + 1];
        g.lineTo(xi, top + (1 - value) * (ROW - 6));
        px = xi;
      }
      g.moveTo(px, top + (1 - value) * (ROW - 6));
      g.lineTo(width, top + (1 - value) * (ROW - 6));
      g.stroke();
    });
  }
}

customElements.define("sail-wave", WaveStrip);
