#!/usr/bin/env bash
# Tokenizer throughput, VectorDesk's native BPE tokenizer vs tiktoken@1.0.22 (npm, WASM), on the
# same generated text in one run. Both sides time only encoding (tables loaded beforehand) and
# print a checksum of the ids, which must match.
#
#   bench/tokenizer-vs-tiktoken.sh [build-dir] [megabytes] [encodings]
#
# Defaults: build-dir ./build, 64 MB, "cl100k_base o200k_base". bench_tokenizer must be built
# (cmake --build <build-dir> --target bench_tokenizer); tiktoken is installed into
# tools/tokenizer-parity/node_modules with `npm ci` if it is missing.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
megabytes=${2:-64}
encodings=${3:-"cl100k_base o200k_base"}
bench=$build/bench/tokenizer/bench_tokenizer
tool=$root/tools/tokenizer-parity

if [[ ! -x $bench ]]; then
    echo "No $bench: build it first with: cmake --build $build --target bench_tokenizer" >&2
    exit 1
fi
if ! command -v node >/dev/null; then
    echo "Node.js is needed to run tiktoken (apt-get install nodejs npm)." >&2
    exit 1
fi
if [[ ! -f $tool/node_modules/tiktoken/package.json ]]; then
    (cd "$tool" && npm ci --no-audit --no-fund --loglevel=error)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
text=$work/text.txt
"$bench" --generate "$text" --megabytes "$megabytes"

status=0
for encoding in $encodings; do
    node "$tool/bench-tiktoken.js" "$encoding" "$text" 1 >"$work/tiktoken.json"
    "$bench" --input "$text" --encoding "$encoding" --repeats 3 --json >"$work/native.json"
    node - "$work/tiktoken.json" "$work/native.json" <<'JS' || status=1
const fs = require('fs');
const [tiktoken, native] = process.argv.slice(2).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
const line = (r) => `  ${r.implementation.padEnd(40)} ${(r.bytes / 1e6).toFixed(1)} MB, ${r.tokens} tokens, `
    + `${r.seconds.toFixed(3)} s: ${r.mbPerSecond.toFixed(2)} MB/s, ${(r.tokensPerSecond / 1e6).toFixed(2)} M tokens/s, `
    + `checksum ${r.checksum}`;
console.log(`${native.encoding}:`);
console.log(line(tiktoken));
console.log(line(native));
const same = tiktoken.tokens === native.tokens && tiktoken.checksum === native.checksum;
console.log(`  ratio: native is ${(native.mbPerSecond / tiktoken.mbPerSecond).toFixed(1)}x tiktoken's throughput`
            + ` (target >= 2x); ids ${same ? 'identical' : 'DIFFER'}`);
process.exit(same ? 0 : 1);
JS
done
exit $status
