#!/usr/bin/env node
// Reference token ids from tiktoken@1.0.22 (npm, WASM) for VectorDesk's tokenizer parity tests.
//
//   node encode.js golden <data-dir>
//       Encodes every file of <data-dir>/corpus/*.txt and <data-dir>/invalid/*.bin with both
//       encodings and writes <data-dir>/golden/<encoding>.json.
//   node encode.js ids <encoding> <input-file> <output-file>
//       Writes the ids of one file as little-endian uint32 (used by tst_tokenizer's live parity).
//
// Files are read as bytes and decoded with the WHATWG UTF-8 decoder (ill-formed sequences become
// U+FFFD, one per maximal subpart; a leading BOM is kept), then encoded with encode_ordinary(),
// i.e. special tokens in the text are ordinary text.
'use strict';

const fs = require('fs');
const path = require('path');
const { get_encoding } = require('tiktoken');

const tiktokenVersion = require(path.join(path.dirname(require.resolve('tiktoken')), 'package.json')).version;
const encodings = ['cl100k_base', 'o200k_base'];
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

function readText(file) {
    return decoder.decode(fs.readFileSync(file));
}

function golden(dataDir) {
    const cases = [];
    for (const [folder, extension] of [['corpus', '.txt'], ['invalid', '.bin']]) {
        const dir = path.join(dataDir, folder);
        for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(extension)).sort())
            cases.push([`${folder}/${name}`, readText(path.join(dir, name))]);
    }
    fs.mkdirSync(path.join(dataDir, 'golden'), { recursive: true });
    for (const name of encodings) {
        const encoding = get_encoding(name);
        const lines = cases.map(([key, text]) =>
            `    ${JSON.stringify(key)}: [${Array.from(encoding.encode_ordinary(text)).join(',')}]`);
        encoding.free();
        const out = path.join(dataDir, 'golden', `${name}.json`);
        fs.writeFileSync(out,
            `{\n  "tiktoken": ${JSON.stringify(tiktokenVersion)},\n  "encoding": ${JSON.stringify(name)},\n`
            + `  "call": "encode_ordinary",\n  "cases": {\n${lines.join(',\n')}\n  }\n}\n`);
        console.log(`wrote ${out}: ${cases.length} cases`);
    }
}

function ids(name, input, output) {
    if (!encodings.includes(name))
        throw new Error(`unknown encoding ${name}; expected one of ${encodings.join(', ')}`);
    const encoding = get_encoding(name);
    const tokens = encoding.encode_ordinary(readText(input));
    encoding.free();
    fs.writeFileSync(output, Buffer.from(tokens.buffer, tokens.byteOffset, tokens.byteLength));
}

const [command, ...args] = process.argv.slice(2);
if (command === 'golden' && args.length === 1) {
    golden(args[0]);
} else if (command === 'ids' && args.length === 3) {
    ids(...args);
} else {
    console.error('usage: node encode.js golden <data-dir>\n'
                  + '       node encode.js ids <cl100k_base|o200k_base> <input-file> <output-file>');
    process.exit(2);
}
