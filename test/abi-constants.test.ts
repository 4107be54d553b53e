// Every constant the host uses for modes, pulls, edges, log levels, reset
// reasons, wake causes, OTA states and MIoT kinds and codes is the ABI
// table's: a value retyped by hand in a host file would drift from the SDK and
// the C header, which are generated from the same table.

import assert from "node:assert/strict";
import {
  ABI_CONSTANTS,
  ADC_ATTEN,
  GPIO_EDGE,
  GPIO_MODE,
  GPIO_PULL,
  LOG_LEVEL,
  MIOT_CODE,
  MIOT_VALUE,
  OTA_STATE,
  RESET_REASON,
  LED_KIND,
  SPI_FLAG,
  STATUS,
  WAKE_CAUSE,
  WIFI_EVENT,
  WIFI_REASON,
  type ConstantGroupName,
} from "../host/abi/table.js";
import { Board } from "../host/board/board.js";
import { RESET_REASON_CODE } from "../host/firmware/faults.js";
import { MIOT_CODE as SPEC_MIOT_CODE } from "../host/miot/spec.js";
import { OTA_STATE_PENDING, OTA_STATE_UNDEFINED, OTA_STATE_VALID } from "../host/ota/states.js";
import * as gpio from "../host/peripherals/gpio.js";
import * as sleep from "../host/power/sleep.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

function group(name: ConstantGroupName): Record<string, number> {
  return Object.fromEntries(ABI_CONSTANTS.filter((c) => c.group === name).map((c) => [c.name, c.value]));
}

describe("ABI constants on the host", () => {
  it("each exported group holds exactly the table's names and values", () => {
    const exported: [ConstantGroupName, object][] = [
      ["GPIO_MODE", GPIO_MODE],
      ["GPIO_PULL", GPIO_PULL],
      ["GPIO_EDGE", GPIO_EDGE],
      ["LOG", LOG_LEVEL],
      ["ADC_ATTEN", ADC_ATTEN],
      ["RESET", RESET_REASON],
      ["WAKE_CAUSE", WAKE_CAUSE],
      ["OTA_STATE", OTA_STATE],
      ["MIOT_VALUE", MIOT_VALUE],
      ["MIOT_CODE", MIOT_CODE],
      ["SPI_FLAG", SPI_FLAG],
      ["LED_KIND", LED_KIND],
      ["WIFI_EVENT", WIFI_EVENT],
      ["WIFI_REASON", WIFI_REASON],
    ];
    const groups = new Set(ABI_CONSTANTS.map((c) => c.group));
    assert.deepEqual(new Set(exported.map(([g]) => g)), groups, "every table group has a host export");
    for (const [name, value] of exported) assert.deepEqual({ ...value }, group(name), name);
  });

  it("the peripherals, sleep, faults, OTA states and MIoT codes use the table's values", () => {
    assert.equal(gpio.GPIO_MODE, GPIO_MODE);
    assert.equal(gpio.GPIO_PULL, GPIO_PULL);
    assert.equal(gpio.GPIO_EDGE, GPIO_EDGE);
    assert.equal(sleep.WAKE_CAUSE, WAKE_CAUSE);
    for (const [reason, code] of Object.entries(RESET_REASON_CODE)) {
      assert.equal(code, group("RESET")[reason], `reset reason ${reason}`);
    }
    assert.deepEqual(
      [OTA_STATE_UNDEFINED, OTA_STATE_PENDING, OTA_STATE_VALID],
      [OTA_STATE.UNDEFINED, OTA_STATE.PENDING_VERIFY, OTA_STATE.VALID],
    );
    for (const [name, code] of Object.entries(MIOT_CODE))
      assert.equal(SPEC_MIOT_CODE[name as keyof typeof MIOT_CODE], code);
  });

  it("the peripherals accept exactly the table's ranges of modes, pulls, edges and attenuations", () => {
    const board = Board.load("esp32-devkitc");
    const { ERR_INVALID_ARG, OK } = STATUS;
    const mode = (m: number, p: number): number => board.gpio.mode(4, m, p);
    assert.equal(mode(GPIO_MODE.OUTPUT_OD, GPIO_PULL.DOWN), OK, "the last mode and pull are accepted");
    assert.equal(mode(GPIO_MODE.DISABLED, GPIO_PULL.NONE), OK, "the first mode and pull are accepted");
    assert.equal(mode(GPIO_MODE.OUTPUT_OD + 1, GPIO_PULL.NONE), ERR_INVALID_ARG, "a mode past the table's");
    assert.equal(mode(GPIO_MODE.DISABLED - 1, GPIO_PULL.NONE), ERR_INVALID_ARG, "a mode below the table's");
    assert.equal(mode(GPIO_MODE.INPUT, GPIO_PULL.DOWN + 1), ERR_INVALID_ARG, "a pull past the table's");
    assert.equal(mode(GPIO_MODE.INPUT, GPIO_PULL.NONE - 1), ERR_INVALID_ARG, "a pull below the table's");
    assert.equal(board.gpio.watch(4, GPIO_EDGE.ANY, 4), OK, "the last edge is accepted");
    assert.equal(board.gpio.watch(4, GPIO_EDGE.ANY + 1, 4), ERR_INVALID_ARG, "an edge past the table's");
    assert.equal(board.gpio.watch(4, GPIO_EDGE.NONE - 1, 4), ERR_INVALID_ARG, "an edge below the table's");
    assert.equal(board.adc.setup(34, ADC_ATTEN.DB_12), OK, "the last attenuation is accepted");
    assert.equal(board.adc.setup(34, ADC_ATTEN.DB_12 + 1), ERR_INVALID_ARG, "an attenuation past the table's");
    assert.equal(board.adc.setup(34, ADC_ATTEN.DB_0 - 1), ERR_INVALID_ARG, "an attenuation below the table's");
  });

  it("each log level a firmware writes becomes the letter ESP-IDF prints for it", async () => {
    const image = await compileSnippet(
      "abi-log-levels",
      `${ENTRY}import { log_write } from "../../assembly/sail/bindings";
const text = memory.data(1);
export function sail_setup(): void {
  store<u8>(text, 0x78); // "x"
  for (let level = 0; level <= 6; level++) log_write(level, <i32>text, 1);
}
`,
    );
    const board = Board.load("esp32-devkitc");
    await board.flash(image);
    const levels = board.logs.filter((l) => l.source === "app").map((l) => l.level);
    // 0 (ESP_LOG_NONE) shows as an error; a level past VERBOSE as info.
    assert.deepEqual(levels, ["E", "E", "W", "I", "D", "V", "I"]);
    assert.deepEqual(
      [LOG_LEVEL.ERROR, LOG_LEVEL.WARN, LOG_LEVEL.INFO, LOG_LEVEL.DEBUG, LOG_LEVEL.VERBOSE],
      [1, 2, 3, 4, 5],
    );
  });
});
