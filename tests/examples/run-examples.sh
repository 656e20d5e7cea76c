#!/usr/bin/env bash
# examples/ run as a user would (examples/README.md): quickstart-cli.sh on a temporary database,
# then `vectordesk serve` with an admin token (it creates a store) and quickstart-api.mjs with the official OpenAI
# Node SDK (tools/openai-sdk, pinned), each checked for what it must print.
# Usage: run-examples.sh VECTORDESK_BINARY SOURCE_DIR
set -euo pipefail
binary=$(readlink -f "$1")
source_dir=$2
fail() { echo "examples: FAIL: $*" >&2; exit 1; }
sdk_modules="$source_dir/tools/openai-sdk/node_modules"
[[ -d $sdk_modules/openai ]] || fail "the OpenAI SDK is not installed; run scripts/deps --test"

work=$(mktemp -d)
server_pid=
cleanup() {
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
export HOME=$work/home XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config QT_QPA_PLATFORM=offscreen
export VECTORDESK_DB=$work/demo.sqlite VECTORDESK=$binary USER=demo-admin
mkdir -p "$HOME"
expect() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$(basename "$1") lacks '$2'"; }; }

# 1. The command line.
"$source_dir/examples/quickstart-cli.sh" >"$work/cli.out" 2>&1 || { cat "$work/cli.out" >&2; fail "quickstart-cli.sh failed"; }
expect "$work/cli.out" "Tenant demo (id 1): created"
for doc in refund-policy.md shipping.txt warranty.md; do expect "$work/cli.out" "$doc: completed"; done
expect "$work/cli.out" "1. shipping.txt" # how long does delivery take
expect "$work/cli.out" "1. warranty.md" # the filtered search
expect "$work/cli.out" '"type": "file_search"'
expect "$work/cli.out" '"vector_store_ids"'

# 2. The API with the SDK.
token=$("$binary" token create --tenant demo --role admin --name quickstart 2>/dev/null)
[[ -n $token ]] || fail "token create printed no token"
"$binary" serve --listen 127.0.0.1:0 --no-sync >"$work/serve.log" 2>&1 &
server_pid=$!
base_url=
for _ in $(seq 1 200); do
    base_url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/serve.log" | head -1)
    [[ -n $base_url ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; fail "serve stopped"; }
    sleep 0.1
done
[[ -n $base_url ]] || fail "serve did not start"
# serve prints its base URL with /v1, as OPENAI_BASE_URL wants it. The script as a user's project holds it: beside its documents, with openai in node_modules.
mkdir -p "$work/project"
cp "$source_dir/examples/quickstart-api.mjs" "$work/project/"
cp -r "$source_dir/examples/documents" "$work/project/"
ln -s "$sdk_modules" "$work/project/node_modules"
(cd "$work/project" && OPENAI_BASE_URL="$base_url" OPENAI_API_KEY=$token node quickstart-api.mjs) >"$work/api.out" 2>&1 ||
    { cat "$work/api.out" >&2; fail "quickstart-api.mjs failed"; }
cat "$work/api.out"
for doc in refund-policy.md shipping.txt warranty.md; do expect "$work/api.out" "$doc: completed"; done
expect "$work/api.out" "search: how long does delivery take"
expect "$work/api.out" "shipping.txt:"
expect "$work/api.out" "agent support: {"
expect "$work/api.out" '"type":"file_search"'
echo "examples: quickstart-cli.sh and quickstart-api.mjs ran and printed what they must"
