// Writes the WebAssembly module of the code cache's digest (bin/spm.js embeds it as base64;
// test/e2e/code-cache.e2e.test.ts checks the two agree and holds the digest to a plain
// JavaScript copy of the same arithmetic). What it computes, over memory[0..n), n a multiple of 128:
//   lane[k] := n + k in each of its four 32-bit words                  (k = 0..7)
//   for each 128-byte round r, for each k, each word w of lane[k]:
//     w := rotl32((w xor the little-endian u32 at r + 16k + its offset) * 0x01000193, 13)
//   h := n (64 bits); for k = 0..7, for half = 0, 1 (the lane's words 0-1, then 2-3, as a u64):
//     h := rotl64((h xor half) * 0x100000001b3, 31)
// FNV's primes; every step is a bijection of its word (an odd multiply, a rotation), so any one
// changed word changes its lane and then the digest; the rotation brings high bits, which a
// multiply never carries down, back to the bottom. Eight independent lanes of 128-bit operations
// run well in V8's baseline wasm compiler, which is what a start gets (~0.25 ms for followups'
// ~780 KB; the one 64-bit chain this replaced took ~0.75). Exports: m (the memory), i(n) (start
// the lanes), a0..a3(from, to) (the rounds from..to: identical copies, see bin/spm.js), f(n) (the fold).
//   node scripts/digest-wasm.cjs     prints the base64
'use strict';

const LANES = 8;
const WORD_PRIME = 0x01000193; // FNV's 32-bit prime
const WORD_ROTATION = 13;
const FOLD_PRIME = 0x100000001b3n; // FNV's 64-bit prime
const FOLD_ROTATION = 31;

const uleb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};
const sleb = (value) => {
  let n = BigInt(value);
  const out = [];
  for (;;) {
    const byte = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && !(byte & 0x40)) || (n === -1n && byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
};
const simd = (op, ...rest) => [0xfd, ...uleb(op), ...rest];
const get = (i) => [0x20, ...uleb(i)];
const set = (i) => [0x21, ...uleb(i)];
const tee = (i) => [0x22, ...uleb(i)];
const I32_CONST = 0x41, I64_CONST = 0x42, I32_ADD = 0x6a, I32_GE_U = 0x4f, I64_EXTEND_I32_U = 0xad, I64_XOR = 0x85, I64_MUL = 0x7e, I64_ROTL = 0x89;
// Local indices of the absorbing function: its two parameters, the prime in every word, the lanes.
const FROM = 0, TO = 1, PRIME = 2, LANE = 3;
const V128_LOAD = 0x00, I32X4_SPLAT = 0x11, I64X2_EXTRACT_LANE = 0x1d, V128_OR = 0x50, V128_XOR = 0x51, I32X4_SHL = 0xab, I32X4_SHR_U = 0xad, I32X4_MUL = 0xb5;

/** How many copies of the absorbing function the module has (each takes its share of the bytes): see below. */
const ABSORBERS = 4;

/** The module's bytes. */
function digestModule() {
  const lanesFromGlobals = [];
  const lanesToGlobals = [];
  for (let k = 0; k < LANES; k++) {
    lanesFromGlobals.push(0x23, k, ...set(LANE + k)); // global.get k, local.set
    lanesToGlobals.push(...get(LANE + k), 0x24, k); // local.get, global.set k
  }
  // i(n): every lane's words start at n + k.
  const init = [];
  for (let k = 0; k < LANES; k++) init.push(...get(0), I32_CONST, ...sleb(k), I32_ADD, ...simd(I32X4_SPLAT), 0x24, k);
  init.push(0x0b);
  // a(from, to): the rounds from..to (whole 128-byte rounds), the lanes kept in locals meanwhile.
  const absorb = [I32_CONST, ...sleb(WORD_PRIME), ...simd(I32X4_SPLAT), ...set(PRIME), ...lanesFromGlobals];
  absorb.push(0x02, 0x40, 0x03, 0x40, ...get(FROM), ...get(TO), I32_GE_U, 0x0d, 0x01); // block, loop, br_if 1 when from >= to
  for (let k = 0; k < LANES; k++) {
    absorb.push(...get(LANE + k), ...get(FROM), ...simd(V128_LOAD, 0x00, ...uleb(16 * k)), ...simd(V128_XOR), ...get(PRIME), ...simd(I32X4_MUL), ...tee(LANE + k));
    absorb.push(I32_CONST, WORD_ROTATION, ...simd(I32X4_SHL), ...get(LANE + k), I32_CONST, 32 - WORD_ROTATION, ...simd(I32X4_SHR_U), ...simd(V128_OR), ...set(LANE + k));
  }
  absorb.push(...get(FROM), I32_CONST, ...sleb(16 * LANES), I32_ADD, ...set(FROM), 0x0c, 0x00, 0x0b, 0x0b, ...lanesToGlobals, 0x0b);
  // f(n): the lanes folded into 64 bits, from n.
  const fold = [...get(0), I64_EXTEND_I32_U, ...set(1)];
  for (let k = 0; k < LANES; k++) {
    for (const half of [0, 1]) {
      fold.push(...get(1), 0x23, k, ...simd(I64X2_EXTRACT_LANE, half), I64_XOR, I64_CONST, ...sleb(FOLD_PRIME), I64_MUL, I64_CONST, ...sleb(FOLD_ROTATION), I64_ROTL, ...set(1));
    }
  }
  fold.push(...get(1), 0x0b);
  const code = (locals, body) => {
    const func = [...locals, ...body];
    return [...uleb(func.length), ...func];
  };
  const section = (id, content) => [id, ...uleb(content.length), ...content];
  const vector = (items) => [...uleb(items.length), ...items.flat()];
  const name = (text) => [text.length, ...Buffer.from(text, 'latin1')];
  const absorbers = Array.from({ length: ABSORBERS }, (_, j) => j);
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    // types: 0 (i32) -> (), 1 (i32, i32) -> (), 2 (i32) -> i64
    ...section(1, vector([[0x60, 1, 0x7f, 0], [0x60, 2, 0x7f, 0x7f, 0], [0x60, 1, 0x7f, 1, 0x7e]])),
    // functions: 0 i, 1..ABSORBERS a0.., then f
    ...section(3, vector([[0], ...absorbers.map(() => [1]), [2]])),
    ...section(5, [1, 0, 0]), // one memory, no pages at first
    // the lanes: LANES mutable v128 globals, zero at first
    ...section(6, vector(Array.from({ length: LANES }, () => [0x7b, 1, ...simd(0x0c, ...new Array(16).fill(0)), 0x0b]))),
    ...section(7, vector([
      [...name('m'), 2, 0],
      [...name('i'), 0, 0],
      ...absorbers.map((j) => [...name(`a${j}`), 0, 1 + j]),
      [...name('f'), 0, 1 + ABSORBERS],
    ])),
    ...section(10, vector([
      code([0], init),
      ...absorbers.map(() => code([2, 1, 0x7b, LANES, 0x7b], absorb)), // locals: the prime, the lanes
      code([1, 1, 0x7e], fold), // local: h
    ])),
  ]);
}

module.exports = { digestModule, ABSORBERS, LANES, WORD_PRIME, WORD_ROTATION, FOLD_PRIME, FOLD_ROTATION };

if (require.main === module) process.stdout.write(`${digestModule().toString('base64')}\n`);
