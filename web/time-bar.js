// <sail-time>: the virtual clock, pause and step, and the speed (×1, ×10,
// ×100, as fast as possible). miIO stamps stay on wall time (the MIoT panel says so).
import { el, send } from "./socket.js";

const SPEEDS = [1, 10, 100, "max"];

class TimeBar extends HTMLElement {
  connectedCallback() {
    if (this.clock !== undefined) return;
    this.clock = el("span", { class: "clock", "data-clock": "" }, "0.000 s");
    this.state = el("span", { class: "note" });
    this.pause = el(
      "button",
      { "data-time": "pause", onclick: () => send({ type: this.paused ? "resume" : "pause" }) },
      "pause",
    );
    this.step = el("button", { "data-time": "step", onclick: () => send({ type: "step", ms: 100 }) }, "step 100 ms");
    this.speeds = SPEEDS.map((s) =>
      el(
        "button",
        { "data-speed": s, onclick: () => send({ type: "speed", speed: s }) },
        s === "max" ? "max" : `×${s}`,
      ),
    );
    this.replaceChildren(this.clock, this.pause, this.step, ...this.speeds, this.state);
  }

  hello() {}

  apply(b) {
    this.paused = b.paused;
    this.clock.textContent = `${(b.nowUs / 1e6).toFixed(3)} s`;
    this.clock.dataset.us = String(b.nowUs);
    this.pause.textContent = b.paused ? "resume" : "pause";
    this.pause.setAttribute("aria-pressed", String(b.paused));
    for (const s of this.speeds) s.setAttribute("aria-pressed", String(s.dataset.speed === String(b.speed)));
    this.state.textContent = `board ${b.boardState}`;
  }
}

customElements.define("sail-time", TimeBar);
