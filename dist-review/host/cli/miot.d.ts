import type { Command } from "./main.js";
export declare const miotCommand: Command;
