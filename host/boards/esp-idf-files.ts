// The files of the runtime's ESP-IDF project (runtime/esp-idf/) that come
// from the board profiles: for each ESP-IDF target, its partition table CSV
// and its `sdkconfig.defaults.<target>` (ESP-IDF reads the one of the target
// `idf.py set-target` chose, after `sdkconfig.defaults`). They are generated,
// never edited: `sail boards --esp-idf runtime/esp-idf` writes them and a
// test fails when a checked-in copy differs (docs/runtime.md).

import { partitionCsv } from "./partition-csv.js";
import type { BoardProfile } from "./profile.js";

/** The ESP-IDF target a board's chip is (`idf.py set-target <target>`). */
export function espIdfTarget(profile: BoardProfile): "esp32" | "esp32c3" {
  return profile.chip.model.toUpperCase().startsWith("ESP32-C3") ? "esp32c3" : "esp32";
}

export const ESP_IDF_COMMAND = "sail boards --esp-idf runtime/esp-idf";

function sdkconfigDefaults(profile: BoardProfile, target: string): string {
  const i = profile.interpreter;
  const wdtSeconds = Math.max(1, Math.ceil(profile.watchdog.timeoutMs / 1000));
  const led = profile.led;
  return [
    `# ESP-IDF defaults for ${target}, generated from boards/${profile.id}.json by \`${ESP_IDF_COMMAND}\`.`,
    "# Do not edit: change the board profile and generate again (docs/runtime.md).",
    `CONFIG_SAIL_BOARD="${profile.id}"`,
    `CONFIG_PARTITION_TABLE_CUSTOM_FILENAME="partitions-${target}.csv"`,
    `CONFIG_ESPTOOLPY_FLASHSIZE_${profile.chip.flashBytes / (1024 * 1024)}MB=y`,
    "# The image's RAM budget, the wasm stack wasm3 gets, and the task that runs wasm3 (sized for its frames).",
    `CONFIG_SAIL_RAM_BYTES=${profile.app.ramBytes}`,
    `CONFIG_SAIL_SLOT_BYTES=${profile.app.partition.size}`,
    `CONFIG_SAIL_WASM_STACK_BYTES=${i.wasmStackBytes}`,
    `CONFIG_SAIL_TASK_STACK_BYTES=${i.taskStackBytes}`,
    `CONFIG_SAIL_CPU_MHZ=${profile.chip.cpuMhz}`,
    `CONFIG_SAIL_CYCLES_PER_INSTRUCTION_MILLI=${Math.round(i.cost.cyclesPerInstruction * 1000)}`,
    `CONFIG_SAIL_WATCHDOG_MS=${profile.watchdog.timeoutMs}`,
    `CONFIG_SAIL_RTC_MEM_BYTES=${Math.min(profile.sleep.rtcMemBytes, 4096)}`,
    `CONFIG_SAIL_BOOT_LOOP_RESETS=${profile.watchdog.bootLoopResets}`,
    `CONFIG_SAIL_STABLE_AFTER_MS=${profile.watchdog.stableAfterMs}`,
    "# The board's own LED for board_led (GPIO -1: none; kind 0 plain active-high, 1 active-low, 2 WS2812)",
    "# and the RMT tick addressable LEDs are timed in.",
    `CONFIG_SAIL_BOARD_LED_GPIO=${led === null ? -1 : led.gpio}`,
    `CONFIG_SAIL_BOARD_LED_KIND=${led === null ? 0 : led.kind === "ws2812" ? 2 : led.activeHigh ? 0 : 1}`,
    `CONFIG_SAIL_RMT_RESOLUTION_HZ=${profile.rmt.resolutionHz}`,
    "# The task watchdog is on and panics: it is how a looping image is stopped (never turn it off).",
    "CONFIG_ESP_TASK_WDT_EN=y",
    "CONFIG_ESP_TASK_WDT_INIT=y",
    "CONFIG_ESP_TASK_WDT_PANIC=y",
    `CONFIG_ESP_TASK_WDT_TIMEOUT_S=${wdtSeconds}`,
    `CONFIG_ESP_DEFAULT_CPU_FREQ_MHZ_${profile.chip.cpuMhz}=y`,
    "",
  ].join("\n");
}

/** Path under runtime/esp-idf/ → contents, one pair of files per target. */
export function espIdfFiles(profiles: readonly BoardProfile[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const p of [...profiles].sort((a, b) => a.id.localeCompare(b.id))) {
    const target = espIdfTarget(p);
    if (files.has(`partitions-${target}.csv`)) continue; // one board per target: the first by id
    files.set(`partitions-${target}.csv`, partitionCsv(p, ESP_IDF_COMMAND));
    files.set(`sdkconfig.defaults.${target}`, sdkconfigDefaults(p, target));
  }
  return files;
}
