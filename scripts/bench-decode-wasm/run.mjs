// Times each decoder in the wasm built from this crate (see Cargo.toml): µs per decode.
import { readFileSync } from 'node:fs';

const { instance } = await WebAssembly.instantiate(readFileSync(process.argv[2]), {});
const names = ['article  json.rs', 'article  serde_json', 'feed     json.rs', 'feed     serde_json', 'related  json.rs', 'related  serde_json'];
const n = 20000;
for (let which = 0; which < names.length; which++) {
  instance.exports.run(which, 2000); // warm up
  const times = [];
  for (let rep = 0; rep < 5; rep++) {
    const t = performance.now();
    if (instance.exports.run(which, n) !== n) throw new Error(`${names[which]}: decoding failed`);
    times.push(((performance.now() - t) * 1000) / n);
  }
  times.sort((a, b) => a - b);
  console.log(`${names[which].padEnd(22)} ${times[2].toFixed(2)} µs (median of 5 × ${n})`);
}
