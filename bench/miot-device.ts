// Child process for the round-trip benchmark: an emulated board running the
// smart lamp, serving miIO on a free loopback port. Reports port and identity.

import { Board } from "../host/board/board.js";

const image = process.argv[2];
if (image === undefined || process.send === undefined) throw new Error("run by bench/miot.ts with the lamp image path");
const board = Board.load("esp32-devkitc", { seed: 21 });
await board.flash(image);
// The clock does not run while serving the benchmark: let the radio connect first.
await board.runUntil(() => board.online, "5 s", "the radio to connect");
const endpoint = await board.miot?.serveUdp("127.0.0.1", 0);
if (endpoint === undefined) throw new Error("the image carries no MIoT spec");
process.send({
  port: endpoint.port,
  token: Buffer.from(board.identity.token).toString("hex"),
  did: board.identity.did,
});
process.on("disconnect", () => {
  void endpoint.close();
});
