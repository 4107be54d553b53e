// <sail-log>: the board's log lines (the firmware's and the board's own, resets among them),
// filterable by level; the newest 2,000 are kept on the page.
import { el } from "./socket.js";

const LEVELS = ["E", "W", "I", "D", "V"];
const KEEP = 2000;

class LogView extends HTMLElement {
  connectedCallback() {
    if (this.box !== undefined) return;
    this.shown = new Set(["E", "W", "I", "D"]);
    this.box = el("div", { class: "log" });
    const filters = LEVELS.map((level) => {
      const b = el("button", { "data-level": level, "aria-pressed": String(this.shown.has(level)) }, level);
      b.addEventListener("click", () => {
        if (this.shown.has(level)) this.shown.delete(level);
        else this.shown.add(level);
        b.setAttribute("aria-pressed", String(this.shown.has(level)));
        for (const line of this.box.children) line.hidden = !this.shown.has(line.dataset.level);
      });
      return b;
    });
    this.replaceChildren(el("div", { class: "row" }, el("h2", {}, "log"), ...filters), this.box);
  }

  hello() {}

  apply(b) {
    const stick = this.box.scrollTop + this.box.clientHeight >= this.box.scrollHeight - 4;
    for (const l of b.logs) this.#add(l.level, `${(l.timeUs / 1e6).toFixed(6)} ${l.level} ${l.source}: ${l.text}`);
    if (b.reloaded !== null)
      this.note(`reloaded ${b.reloaded.image}: running ${b.reloaded.ms.toFixed(0)} ms after the save`);
    while (this.box.childElementCount > KEEP) this.box.firstElementChild.remove();
    if (stick) this.box.scrollTop = this.box.scrollHeight;
  }

  /** A line from the page itself (connection, refused commands). */
  note(text) {
    this.#add("I", `page: ${text}`);
  }

  #add(level, text) {
    const line = el("div", { class: level, "data-level": level }, text);
    line.hidden = !this.shown.has(level);
    this.box.append(line);
  }
}

customElements.define("sail-log", LogView);
