import type { Command } from "./main.js";
export declare const profileCommand: Command;
