// Sensor drivers in the ECMA-419 shape: each is handed its bus (an I2c or a
// Uart or an Spi from the SDK), configured, and sampled into one record it refills.

export { Sht3x, Sht3xSample, Sht3xRepeatability, Sht3xRate, SHT3X_ADDRESS } from "./sht3x";
export { Bh1750, Bh1750Sample, Bh1750Mode, BH1750_ADDRESS, BH1750_MTREG_DEFAULT } from "./bh1750";
export { Pms5003, Pms5003Sample } from "./pms5003";
export { crc8Word, ERR_INVALID_CRC } from "./crc8";
export { Max31855, Max31855Sample, Max31855Fault, MAX31855_MAX_HZ } from "./max31855";
