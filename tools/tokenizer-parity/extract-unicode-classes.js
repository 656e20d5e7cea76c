#!/usr/bin/env node
// Extracts the Unicode tables that tiktoken@1.0.22 actually matches its pre-tokenisation regexes
// with, and writes them as a C++ range table for VectorDesk's native tokenizer.
//
// tiktoken's WASM build compiles the Rust crates fancy-regex 0.11 / regex-syntax 0.8.5; the
// latter carries its own copy of the Unicode Character Database (16.0.0), independent of the
// Unicode version of Qt or of Node's ICU. To classify code points exactly as tiktoken does,
// this script reads regex-syntax's tables (`general_category::BY_NAME`, `White_Space`) out of
// the data segments of node_modules/tiktoken/tiktoken_bg.wasm: each table is found through its
// (name, ranges) entry, a pair of wasm32 slices (pointer, length), and read as (char, char)
// pairs of little-endian u32.
//
// Usage: node extract-unicode-classes.js [output.inc]
//   default output: ../../core/engine/tokenizer/unicodeclassdata.inc
'use strict';

const fs = require('fs');
const path = require('path');

const wasmPath = path.join(path.dirname(require.resolve('tiktoken')), 'tiktoken_bg.wasm');
const output = process.argv[2]
    || path.join(__dirname, '..', '..', 'core', 'engine', 'tokenizer', 'unicodeclassdata.inc');

function loadMemoryImage(file) {
    const wasm = fs.readFileSync(file);
    if (wasm.readUInt32LE(0) !== 0x6d736100)
        throw new Error(`${file} is not a WebAssembly module`);
    let pos = 8;
    const uleb = () => {
        let result = 0, shift = 0, byte;
        do { byte = wasm[pos++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
        return result;
    };
    const sleb32 = () => {
        let result = 0, shift = 0, byte;
        do { byte = wasm[pos++]; result |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
        if (shift < 32 && (byte & 0x40)) result |= -1 << shift;
        return result >>> 0;
    };
    const segments = [];
    while (pos < wasm.length) {
        const id = wasm[pos++];
        const size = uleb();
        const end = pos + size;
        if (id === 11) { // data section
            const count = uleb();
            for (let i = 0; i < count; ++i) {
                const flags = uleb();
                if (flags !== 0) throw new Error('unexpected passive or multi-memory data segment');
                if (wasm[pos++] !== 0x41) throw new Error('data segment offset is not i32.const');
                const address = sleb32();
                if (wasm[pos++] !== 0x0b) throw new Error('data segment offset expression not terminated');
                const length = uleb();
                segments.push({ address, start: pos, length });
                pos += length;
            }
        }
        pos = end;
    }
    const top = Math.max(...segments.map((s) => s.address + s.length));
    const memory = Buffer.alloc(top);
    for (const s of segments) wasm.copy(memory, s.address, s.start, s.start + s.length);
    return memory;
}

function indicesOf(memory, needle) {
    const found = [];
    for (let i = memory.indexOf(needle); i >= 0; i = memory.indexOf(needle, i + 1)) found.push(i);
    return found;
}

// Finds the ranges of table `name`: a 16-byte entry (name ptr, name len, ranges ptr, ranges len)
// whose ranges are valid, sorted, non-overlapping scalar values.
function readTable(memory, name) {
    const candidates = [];
    for (const nameAddress of indicesOf(memory, Buffer.from(name, 'latin1'))) {
        const key = Buffer.alloc(8);
        key.writeUInt32LE(nameAddress, 0);
        key.writeUInt32LE(name.length, 4);
        for (const entry of indicesOf(memory, key)) {
            const ptr = memory.readUInt32LE(entry + 8);
            const len = memory.readUInt32LE(entry + 12);
            if (len === 0 || ptr + 8 * len > memory.length) continue;
            const ranges = [];
            let ok = true, previous = -1;
            for (let k = 0; k < len && ok; ++k) {
                const first = memory.readUInt32LE(ptr + 8 * k);
                const last = memory.readUInt32LE(ptr + 8 * k + 4);
                ok = first > previous && last >= first && last <= 0x10ffff;
                previous = last;
                ranges.push([first, last]);
            }
            if (ok) candidates.push(ranges);
        }
    }
    const distinct = new Map(candidates.map((r) => [JSON.stringify(r), r]));
    if (distinct.size !== 1)
        throw new Error(`expected exactly one table named ${name} in the WASM data, found ${distinct.size}`);
    return [...distinct.values()][0];
}

const memory = loadMemoryImage(wasmPath);
const tables = {};
for (const name of ['Uppercase_Letter', 'Lowercase_Letter', 'Titlecase_Letter', 'Modifier_Letter', 'Other_Letter',
                    'Letter', 'Mark', 'Number', 'White_Space'])
    tables[name] = readTable(memory, name);

// Flag bits, mirrored in unicodeclasses.h.
const Letter = 1, Number = 2, Space = 4, Newline = 8, UpperSet = 16, LowerSet = 32;
const flagsOf = new Uint8Array(0x110000);
const mark = (name, flags) => {
    for (const [first, last] of tables[name])
        for (let cp = first; cp <= last; ++cp) flagsOf[cp] |= flags;
};
// o200k's classes: UpperSet = [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}], LowerSet = [\p{Ll}\p{Lm}\p{Lo}\p{M}].
mark('Uppercase_Letter', Letter | UpperSet);
mark('Titlecase_Letter', Letter | UpperSet);
mark('Lowercase_Letter', Letter | LowerSet);
mark('Modifier_Letter', Letter | UpperSet | LowerSet);
mark('Other_Letter', Letter | UpperSet | LowerSet);
mark('Mark', UpperSet | LowerSet);
mark('Number', Number);
mark('White_Space', Space);
flagsOf[0x0a] |= Newline;
flagsOf[0x0d] |= Newline;

// Consistency: \p{L} is the union of the five letter categories; categories do not overlap.
const letter = new Uint8Array(0x110000);
for (const [first, last] of tables.Letter) for (let cp = first; cp <= last; ++cp) letter[cp] = 1;
for (let cp = 0; cp < 0x110000; ++cp) {
    if (!!(flagsOf[cp] & Letter) !== !!letter[cp]) throw new Error(`Letter table disagrees at U+${cp.toString(16)}`);
    const f = flagsOf[cp];
    if ((f & Letter) && (f & (Number | Space))) throw new Error(`overlapping classes at U+${cp.toString(16)}`);
}

// For the record: where Node's own ICU (another Unicode version) would classify differently.
const icu = [[/\p{L}/u, Letter], [/\p{N}/u, Number], [/\p{White_Space}/u, Space],
             [/[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]/u, UpperSet], [/[\p{Ll}\p{Lm}\p{Lo}\p{M}]/u, LowerSet]];
let icuDifferences = 0;
const samples = [];
for (let cp = 0; cp < 0x110000; ++cp) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const s = String.fromCodePoint(cp);
    for (const [re, bit] of icu) {
        if (re.test(s) !== !!(flagsOf[cp] & bit)) {
            ++icuDifferences;
            if (samples.length < 8) samples.push(`U+${cp.toString(16).toUpperCase()}`);
            break;
        }
    }
}

const flagExpr = (f) => {
    if (f === 0) return '0';
    const parts = [];
    for (const [bit, n] of [[Letter, 'Letter'], [Number, 'Number'], [Space, 'Space'], [Newline, 'Newline'],
                            [UpperSet, 'UpperSet'], [LowerSet, 'LowerSet']])
        if (f & bit) parts.push(n);
    return parts.join(' | ');
};

let lines = [];
let count = 0;
for (let cp = 0; cp < 0x110000;) {
    const f = flagsOf[cp];
    let end = cp;
    while (end + 1 < 0x110000 && flagsOf[end + 1] === f) ++end;
    if (f !== 0) {
        lines.push(`    {0x${cp.toString(16).toUpperCase()}, 0x${end.toString(16).toUpperCase()}, ${flagExpr(f)}},`);
        ++count;
    }
    cp = end + 1;
}

const header = `// Generated by tools/tokenizer-parity/extract-unicode-classes.js from the regex tables compiled
// into tiktoken@1.0.22 (regex-syntax 0.8.5, Unicode 16.0.0). Do not edit by hand.
// ${count} ranges {first, last, flags}; code points not listed have no flag.
`;
fs.writeFileSync(output, header + lines.join('\n') + '\n');
console.log(`wrote ${output}: ${count} ranges`);
console.log(`code points Node's ICU (Unicode ${process.versions.unicode}) classifies differently: ${icuDifferences}`
            + (samples.length ? ` (e.g. ${samples.join(', ')})` : ''));
