export { philox4x32_10, philoxBlock, mulhi32, mullo32, PHILOX_M0, PHILOX_M1, PHILOX_W0, PHILOX_W1 } from './philox.js';
export { streamKey, type Seed } from './seed.js';
export {
  ZIGGURAT_LAYERS,
  ZIGGURAT_R,
  ZIGGURAT_V,
  zigguratNormal,
  zigguratSlow,
  zigguratTables,
  type WordSource,
} from './ziggurat.js';
export { CounterStream, makeStream } from './stream.js';
export { WasmCounterStream, noiseStream, wasmAvailable, type NoiseStream } from './wasm-stream.js';
