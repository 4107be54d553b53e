// One-shot ADC reads on an ADC1 pin, raw 12-bit or calibrated millivolts.

import { adc_read_mv, adc_read_raw, adc_setup } from "./bindings";
import { AdcAtten } from "./abi";

export { AdcAtten as Atten };

export class Adc {
  /** `atten` sets the range: Atten.DB_12 reads up to about 2.45 V on ESP32. */
  constructor(readonly gpio: i32, atten: i32 = AdcAtten.DB_12) {
    adc_setup(gpio, atten);
  }

  /** 0 .. 4095. */
  raw(): i32 { return adc_read_raw(this.gpio); }

  /** Millivolts. */
  millivolts(): i32 { return adc_read_mv(this.gpio); }
}
