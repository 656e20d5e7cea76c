#!/usr/bin/env node
// Writes the generated cases of the tokenizer parity corpus (deterministic: fixed seeds, no
// dependency on tiktoken), as <data-dir>/corpus/generated-*.txt. Run `node encode.js golden`
// afterwards to refresh the golden ids.
//
//   node generate-edge-cases.js <data-dir>
'use strict';

const fs = require('fs');
const path = require('path');

const dataDir = process.argv[2];
if (!dataDir) {
    console.error('usage: node generate-edge-cases.js <data-dir>');
    process.exit(2);
}

// mulberry32: small, seeded, identical everywhere.
function random(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

// Characters that steer the pre-tokenisation patterns, by class, plus common text.
const alphabet = {
    lower: ['a', 'e', 's', 't', 'l', 'd', 'm', 'r', 'v', 'é', 'ß', 'ж', 'ω', 'ſ'],
    upper: ['A', 'S', 'T', 'L', 'D', 'M', 'R', 'V', 'É', 'Ж', 'Ω', 'K'],
    title: ['ǅ', 'ǈ', 'ǋ', 'ǲ', 'ᾈ'],
    modifier: ['ʰ', 'ʲ', 'ー', '々', 'ˆ'],
    otherLetter: ['中', 'ª', 'א', 'ا', 'क', 'ก', '가', 'ƻ'],
    mark: ['\u0301', '\u0308', '\u093f', '\u094d', '\u20dd', '\u0e31', '\ufe0f'],
    digit: ['0', '1', '7', '9', '٣', '३', '３', '½', 'Ⅻ', '²', '𝟑'],
    space: [' ', ' ', ' ', '\t', '\u00a0', '\u3000', '\u2028', '\x0b', '\x0c', '\x85'],
    newline: ['\n', '\n', '\r', '\r\n'],
    apostrophe: ["'", "'", '’'],
    punctuation: ['!', '.', ',', '?', '-', '"', '(', ')', '/', '/', '\\', '#', '…', '—', '«', '€', '∑'],
    symbol: ['😀', '🚀', '👍🏽', '🇺🇸', '\u200d', '\ufeff', '\x00', '\x7f', '\u200b', '\uFFFD'],
};
const weights = {
    lower: 30, upper: 10, title: 1, modifier: 2, otherLetter: 5, mark: 4, digit: 8, space: 14,
    newline: 6, apostrophe: 5, punctuation: 10, symbol: 3,
};
const classes = Object.keys(weights);
const totalWeight = classes.reduce((sum, c) => sum + weights[c], 0);

function randomText(seed, length) {
    const next = random(seed);
    let out = '';
    for (let i = 0; i < length; ++i) {
        let pick = next() * totalWeight;
        let cls = classes[0];
        for (const c of classes) {
            pick -= weights[c];
            if (pick < 0) { cls = c; break; }
        }
        const chars = alphabet[cls];
        let ch = chars[Math.floor(next() * chars.length)];
        // Runs: sometimes repeat the character.
        if (next() < 0.08) ch = ch.repeat(2 + Math.floor(next() * 6));
        out += ch;
    }
    return out;
}

// Every sequence of 1..3 whitespace characters between a letter and each kind of follower.
function whitespaceCombinations() {
    const spaces = [' ', '\t', '\n', '\r', '\u00a0', '\u3000'];
    const followers = ['a', 'A', '1', '!', "'s", 'é', '中', '\u0301', '😀', '/'];
    let sequences = [''];
    const all = [];
    for (let length = 1; length <= 3; ++length) {
        sequences = sequences.flatMap((s) => spaces.map((c) => s + c));
        all.push(...sequences);
    }
    let out = '';
    let i = 0;
    for (const seq of all)
        out += 'x' + seq + followers[i++ % followers.length];
    return out;
}

// Contractions in every case and position, with letters, marks and digits around them.
function contractionCombinations() {
    const suffixes = ['s', 'S', 't', 'T', 're', 'RE', 'Re', 'rE', 've', 'VE', 'm', 'M', 'll', 'LL', 'lL', 'd', 'D',
                      'ſ', 'r', 'l', 'x', ''];
    const before = ['', 'a', 'A', 'ab', 'AB', 'Ab', 'é', 'É', '中', '1', ' ', '!', '\u0301', 'ʰ', 'ǅ', "'"];
    const after = ['', 'a', 'A', ' ', '1', "'", '!', '\n'];
    let out = '';
    let i = 0;
    for (const b of before)
        for (const s of suffixes)
            out += b + "'" + s + after[i++ % after.length] + '|';
    return out;
}

// Pieces longer than the tokenizer's short-merge limit (128 bytes): long words, symbol and
// whitespace runs, so that the heap-based merge is compared with tiktoken too.
function longPieces() {
    const next = random(7);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const pick = (chars, n) => Array.from({ length: n }, () => chars[Math.floor(next() * chars.length)]).join('');
    return [
        'a'.repeat(300), 'ab'.repeat(200), pick(letters, 2000), pick(letters.toUpperCase(), 600),
        'Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft'.repeat(4),
        pick(b64, 4000) + '==', '-'.repeat(1000), '=-'.repeat(300), '!?'.repeat(150) + '\n\n',
        '😀'.repeat(200), '👨‍👩‍👧‍👦'.repeat(40), '中文字符'.repeat(150), 'ñ'.repeat(400),
        'e\u0301'.repeat(200), 'ʰ'.repeat(150), 'ǅ'.repeat(100) + 'a', 'A\u0301'.repeat(120) + "'s",
        ' '.repeat(2000) + 'x', '\t'.repeat(500), '\n'.repeat(700), ' \n'.repeat(300), '\u3000'.repeat(200) + 'y',
        '/'.repeat(300), '.'.repeat(999), '0'.repeat(3000),
    ].join(' ');
}

const cases = {
    'generated-long-pieces': longPieces(),
    'generated-random-mix-1': randomText(1, 2500),
    'generated-random-mix-2': randomText(2, 2500),
    'generated-random-mix-3': randomText(3, 2500),
    'generated-random-mix-4': randomText(4, 2500),
    'generated-whitespace-combinations': whitespaceCombinations(),
    'generated-contraction-combinations': contractionCombinations(),
};
const corpus = path.join(dataDir, 'corpus');
for (const [name, text] of Object.entries(cases)) {
    fs.writeFileSync(path.join(corpus, `${name}.txt`), text);
    console.log(`wrote ${name}.txt (${Buffer.byteLength(text)} bytes)`);
}
