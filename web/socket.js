// The page's link to sail dev: components send commands through here (host/dev/protocol.ts says their shapes).
let socket = null;

export function useSocket(s) {
  socket = s;
}

/** Sends a command to sail dev; dropped while disconnected. */
export function send(command) {
  if (socket !== null && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(command));
}

/** A new element with attributes and children: the components build their DOM with it. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined) e.setAttribute(k, String(v));
  }
  for (const c of children) e.append(c);
  return e;
}
