// Fade: the LED on GPIO 2 breathes. A 5 kHz, 13-bit PWM channel steps every
// 20 ms along a triangle, 1 s up and 1 s down, squared so that it looks even
// to the eye.

import { Pwm, Timer, log } from "../../../assembly/sail";
export { sail_event, sail_abi_version } from "../../../assembly/sail";

const LED_GPIO: i32 = 2;
const FREQ_HZ: i32 = 5000;
const BITS: i32 = 13;
const STEP_MS: i64 = 20;
const STEPS: i32 = 50;

let pwm: Pwm | null = null;
let step: i32 = 0;
let rising = true;

export function sail_setup(): void {
  pwm = new Pwm(LED_GPIO, FREQ_HZ, BITS);
  Timer.every(STEP_MS, tick);
  log.info("fade: breathing LED on GPIO 2, 2 s per breath");
}

function tick(): void {
  step += rising ? 1 : -1;
  if (step >= STEPS) rising = false;
  else if (step <= 0) rising = true;
  const x = <f32>step / <f32>STEPS;
  pwm!.fraction(x * x);
}
