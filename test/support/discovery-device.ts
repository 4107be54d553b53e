// A smart lamp serving miIO on 0.0.0.0 at the port given (54321 inside a private network
// namespace only: docs/decisions.md D140), for the python-miio discovery test. Prints
// "ready <did> <port>" once it answers, and runs until it is killed (its socket keeps it alive).

import { Board } from "../../host/board/board.js";
import { firmware, SMART_LAMP } from "./firmware.js";

const port = Number(process.argv[2] ?? "0");
const board = Board.load("esp32-devkitc", { seed: 31 });
await board.flash(await firmware(SMART_LAMP));
await board.runUntil(() => board.online, "5 s", "the radio to connect");
const miot = board.miot;
if (miot === null) throw new Error("the smart lamp carries a MIoT spec");
const endpoint = await miot.serveUdp("0.0.0.0", port);
process.stdout.write(`ready ${board.identity.did} ${endpoint.port}\n`);
