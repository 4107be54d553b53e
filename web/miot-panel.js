// <sail-miot>: a panel generated from the image's MIoT spec: every property
// with its live value (from the board's pushes, and a read on load), controls
// for writable ones within their range or value list, actions with their
// inputs, and events as they arrive.
import { el, send } from "./socket.js";

function control(siid, p) {
  const set = (value) => send({ type: "set", siid, piid: p.iid, value });
  const key = `${siid}.${p.iid}`;
  if (p.format === "bool")
    return el("input", { type: "checkbox", "data-set": key, onchange: (e) => set(e.target.checked) });
  if (p.values !== null) {
    const select = el("select", { "data-set": key, onchange: (e) => set(Number(e.target.value)) });
    for (const v of p.values) select.append(el("option", { value: v.value }, `${v.value}: ${v.description}`));
    return select;
  }
  if (p.range !== null) {
    const { min, max, step } = p.range;
    return el("input", {
      type: "range",
      min,
      max,
      step,
      "data-set": key,
      onchange: (e) => set(Number(e.target.value)),
    });
  }
  if (p.format === "string")
    return el("input", { type: "text", "data-set": key, onchange: (e) => set(e.target.value) });
  return el("input", { type: "number", "data-set": key, onchange: (e) => set(Number(e.target.value)) });
}

function parseInput(p, text) {
  if (p.format === "bool") return text === "true" || text === "1";
  if (p.format === "string") return text;
  return Number(text);
}

class MiotPanel extends HTMLElement {
  hello(m) {
    this.values = new Map();
    if (m.spec === null) {
      this.replaceChildren(el("h2", {}, "MIoT"), el("div", { class: "note" }, "this image carries no MIoT spec"));
      return;
    }
    const miio =
      m.miio === null
        ? "miIO is not served (sail dev --miot 127.0.0.1:54321 serves it)"
        : `miIO on ${m.miio.host}:${m.miio.port}, did ${m.miio.did}, token ${m.miio.token}.`;
    this.events = el("div", { class: "events" });
    const services = m.spec.services.map((s) => {
      const props = s.properties.map((p) => {
        const key = `${s.iid}.${p.iid}`;
        const value = el("span", { class: "value", "data-prop": key }, "…");
        const writable = p.access.includes("write");
        const ctl = writable ? control(s.iid, p) : el("span");
        this.values.set(key, { value, ctl, p });
        const unit = p.unit === null || p.unit === "none" ? "" : ` ${p.unit}`;
        return el("div", { class: "row prop" }, el("label", { title: p.type }, `${key} ${p.name}${unit}`), value, ctl);
      });
      const actions = s.actions.map((a) => {
        const inputs = a.in.map((piid) => {
          const p = s.properties.find((x) => x.iid === piid);
          return { p, input: el("input", { type: "text", size: 6, placeholder: p?.name ?? String(piid) }) };
        });
        const run = () =>
          send({ type: "action", siid: s.iid, aiid: a.iid, input: inputs.map((i) => parseInput(i.p, i.input.value)) });
        return el(
          "div",
          { class: "row" },
          el("button", { "data-action": `${s.iid}.${a.iid}`, onclick: run }, `${a.name}()`),
          ...inputs.map((i) => i.input),
        );
      });
      return el("div", { class: "service" }, el("h2", {}, `${s.iid} ${s.name}`), ...props, ...actions);
    });
    this.replaceChildren(
      el("h2", {}, `MIoT: ${m.spec.description}`),
      el("div", { class: "note" }, `${miio} Its stamp clock stays on wall time whatever the speed or pause below.`),
      ...services,
      el("h2", {}, "events"),
      this.events,
    );
    send({ type: "refresh" });
  }

  apply(b) {
    if (this.values === undefined) return;
    for (const [key, v] of Object.entries(b.props)) {
      const row = this.values.get(key);
      if (row === undefined) continue;
      row.value.textContent = typeof v === "number" && !Number.isInteger(v) ? v.toFixed(2) : String(v);
      row.value.dataset.value = JSON.stringify(v);
      if (document.activeElement === row.ctl) continue;
      if (row.ctl.type === "checkbox") row.ctl.checked = v === true;
      else if ("value" in row.ctl) row.ctl.value = String(v);
    }
    for (const e of b.events) {
      const args = e.args.map((a) => `${a.piid}=${JSON.stringify(a.value)}`).join(" ");
      this.events.prepend(el("div", {}, `${(e.timeUs / 1e6).toFixed(3)} s  event ${e.siid}.${e.eiid} ${args}`));
    }
  }
}

customElements.define("sail-miot", MiotPanel);
