#!/usr/bin/env bash
# The API acceptance flow (docs/api.md): starts `vectordesk serve` on a free loopback port over a
# temporary SQLite database, makes a tenant and tokens with the CLI, and runs sdk_flow.mjs with
# the official OpenAI Node SDK (tools/openai-sdk, pinned). Exits non-zero on any mismatch.
# Usage: run-sdk-flow.sh VECTORDESK_BINARY SOURCE_DIR
set -euo pipefail
binary=$1
source_dir=$2
sdk_dir="$source_dir/tools/openai-sdk/node_modules/openai"
if [[ ! -d $sdk_dir ]]; then
    echo "run-sdk-flow: the OpenAI SDK is not installed; run scripts/deps --test (npm ci --prefix tools/openai-sdk)" >&2
    exit 1
fi
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

db="$work/api.sqlite"
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
vd() { "$binary" --db "$db" --as alice "$@"; }
vd tenant create acme --plan pro >/dev/null
vd tenant create globex --plan pro >/dev/null
admin_token=$(vd token create --tenant acme --role admin --name sdk-admin 2>/dev/null)
viewer_token=$(vd token create --tenant acme --role viewer --name sdk-viewer 2>/dev/null)
other_token=$(vd token create --tenant globex --role admin --name globex-admin 2>/dev/null)
revoked_token=$(vd token create --tenant acme --role admin --name sdk-revoked 2>/dev/null)
vd token revoke --tenant acme sdk-revoked >/dev/null

"$binary" serve --listen 127.0.0.1:0 --db "$db" --no-sync >"$work/serve.log" 2>&1 &
server_pid=$!
base_url=
for _ in $(seq 1 200); do
    base_url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/serve.log" | head -1)
    [[ -n $base_url ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.1
done
[[ -n $base_url ]] || { echo "run-sdk-flow: the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }

status=0
VD_BASE_URL=$base_url VD_TOKEN=$admin_token VD_VIEWER_TOKEN=$viewer_token VD_OTHER_TOKEN=$other_token \
VD_REVOKED_TOKEN=$revoked_token VD_DATA_DIR="$source_dir/tests/engine/extract/data" \
NODE_PATH="$source_dir/tools/openai-sdk/node_modules" \
    node "$source_dir/tests/api/sdk_flow.mjs" || status=$?

kill -TERM "$server_pid"
wait "$server_pid" || { echo "run-sdk-flow: the server did not stop cleanly" >&2; status=1; }
server_pid=
if [[ $status -ne 0 ]]; then
    echo "--- serve.log" >&2
    tail -50 "$work/serve.log" >&2
fi
exit $status
