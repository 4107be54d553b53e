// The page's one WebSocket: a "hello" describes the board and its image, then
// "batch" messages carry what changed. Batches are gathered and drawn once
// per animation frame, so a storm of pin changes costs one repaint per frame.
import "./board-view.js";
import "./miot-panel.js";
import "./log-view.js";
import "./wave-strip.js";
import "./time-bar.js";
import "./world-panel.js";

const parts = () =>
  ["sail-board", "sail-world", "sail-miot", "sail-wave", "sail-log", "sail-time"].map((t) => document.querySelector(t));

import { useSocket } from "./socket.js";

let pending = [];
let framed = false;

/** What the page knows of its updates, for tests and the bench: batches drawn, from sent to drawn in ms. */
window.sailPage = { batches: 0, lastLatencyMs: null, latenciesMs: [], nowUs: 0, connected: false, errors: [] };

function hello(message) {
  const image = message.image;
  document.querySelector("#image").textContent =
    image === null ? "" : `${image.name} ${image.version} on ${message.board.id}`;
  for (const p of parts()) p.hello(message);
  showBuildError(message.state.buildError);
  draw([message.state]);
}

function showBuildError(text) {
  const box = document.querySelector("#build-error");
  box.hidden = text === null;
  box.textContent = text === null ? "" : `Build failed; the board keeps running the last good image.\n\n${text}`;
}

function draw(batches) {
  for (const b of batches) {
    for (const p of parts()) p.apply(b);
    if (b.buildError !== null) showBuildError(b.buildError);
    if (b.reloaded !== null) showBuildError(null);
    window.sailPage.nowUs = b.nowUs;
  }
  const last = batches[batches.length - 1];
  if (last !== undefined) {
    window.sailPage.batches += batches.length;
    const latency = Date.now() - last.sentAt;
    window.sailPage.lastLatencyMs = latency;
    window.sailPage.latenciesMs.push(latency);
    if (window.sailPage.latenciesMs.length > 1000) window.sailPage.latenciesMs.shift();
  }
}

function connect() {
  const socket = new WebSocket(`ws://${location.host}/ws`);
  useSocket(socket);
  socket.addEventListener("open", () => (window.sailPage.connected = true));
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(event.data);
    if (message.type === "hello") {
      pending = [];
      hello(message);
    } else if (message.type === "batch") {
      pending.push(message);
      if (!framed) {
        framed = true;
        requestAnimationFrame(() => {
          framed = false;
          const batches = pending;
          pending = [];
          draw(batches);
        });
      }
    } else if (message.type === "error") {
      window.sailPage.errors.push(message.message);
      document.querySelector("sail-log").note(`sail dev refused a command: ${message.message}`);
    }
  });
  socket.addEventListener("close", () => {
    window.sailPage.connected = false;
    document.querySelector("sail-log").note("disconnected from sail dev; retrying");
    setTimeout(connect, 1000);
  });
}

connect();
