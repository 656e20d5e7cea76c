#!/usr/bin/env node
// Throughput of tiktoken@1.0.22 (npm, WASM) on one file, for bench/tokenizer-vs-tiktoken.sh.
//
//   node bench-tiktoken.js <cl100k_base|o200k_base> <file> [repeats]
//
// Loading the encoding and decoding the file into a JS string are not timed; each repeat times
// one encode_ordinary() call over the whole text. Prints one JSON object: bytes, tokens, the best
// time in seconds, MB/s (10^6 bytes) and tokens/s, and an FNV-1a checksum of the ids that the
// native benchmark prints too, so both sides are known to produce the same tokens.
'use strict';

const fs = require('fs');
const { get_encoding } = require('tiktoken');

const [name, file, repeatsArg] = process.argv.slice(2);
if (!name || !file) {
    console.error('usage: node bench-tiktoken.js <cl100k_base|o200k_base> <file> [repeats]');
    process.exit(2);
}
const repeats = Math.max(1, Number(repeatsArg || 1));

const bytes = fs.readFileSync(file);
const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
const encoding = get_encoding(name);
encoding.encode_ordinary('warm up: load the tables and compile the regex');

let best = Infinity;
let tokens;
for (let i = 0; i < repeats; ++i) {
    tokens = undefined;
    const start = process.hrtime.bigint();
    tokens = encoding.encode_ordinary(text);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    best = Math.min(best, seconds);
}

// FNV-1a over the ids as little-endian uint32, as 32-bit hex.
let hash = 0x811c9dc5;
for (let i = 0; i < tokens.length; ++i) {
    let id = tokens[i];
    for (let k = 0; k < 4; ++k) {
        hash ^= id & 0xff;
        hash = Math.imul(hash, 0x01000193) >>> 0;
        id >>>= 8;
    }
}

console.log(JSON.stringify({
    implementation: 'tiktoken@1.0.22 (node ' + process.version + ', WASM)',
    encoding: name,
    bytes: bytes.length,
    tokens: tokens.length,
    seconds: best,
    mbPerSecond: bytes.length / 1e6 / best,
    tokensPerSecond: tokens.length / best,
    checksum: hash.toString(16).padStart(8, '0'),
}));
encoding.free();
