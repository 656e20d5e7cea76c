#!/usr/bin/env bash
# The runbook's troubleshooting table against the code's error list: every stable error code a
# user can meet must have its row (written as `code` in the table). The codes are read from the
# source, so a new one fails this test until the runbook says what it means and what to do:
#   - the service's error codes (ServiceError::kindName(), core/domain/serviceerror.cpp);
#   - a failed file's last_error codes (core/engine, core/openai, core/ingestion);
#   - an agent's problems and warnings (core/domain/agentresolver.cpp);
#   - the exit codes of the command line (cli/cli.h).
#
#   tests/docs/troubleshooting.sh SOURCE_DIR
set -euo pipefail

source_dir=$(readlink -f "$1")
fail() { echo "troubleshooting: FAIL: $*" >&2; exit 1; }
runbook=$source_dir/docs/runbook.md

table=$(awk '/^## Troubleshooting/{t=1; next} /^## /{t=0} t' "$runbook")
[[ -n $table ]] || fail "docs/runbook.md has no Troubleshooting section"

service=$(sed -n '/^QString ServiceError::kindName/,/^}/p' "$source_dir/core/domain/serviceerror.cpp" |
    grep -oE 'u"[a-z_]+"_s' | sed -E 's/u"(.*)"_s/\1/' | sort -u)
files=$(grep -rhoE '(fileError\(|lastErrorCode = |"last_error_code"_s, |code [!=]= )u"[a-z_]+"_s' \
    "$source_dir/core/engine" "$source_dir/core/openai" "$source_dir/core/ingestion" |
    grep -oE 'u"[a-z_]+"_s$' | sed -E 's/u"(.*)"_s/\1/' | sort -u)
agents=$(grep -oE '(problem\(u"[a-z_]+"_s|\{u"[a-z_]+"_s, n,)' "$source_dir/core/domain/agentresolver.cpp" |
    grep -oE '"[a-z_]+"' | tr -d '"' | sort -u)
exits=$(grep -oE 'enum ExitCode \{[^}]*\}' "$source_dir/cli/cli.h" | grep -oE '= [0-9]+' | tr -d '= ' | sort -u)

[[ $(wc -w <<<"$service") -ge 6 ]] || fail "read only these service codes: $service"
[[ $(wc -w <<<"$files") -ge 3 ]] || fail "read only these file codes: $files"
[[ $(wc -w <<<"$agents") -ge 8 ]] || fail "read only these agent codes: $agents"
[[ $(wc -w <<<"$exits") -ge 5 ]] || fail "read only these exit codes: $exits"

missing=()
for code in $service $files $agents; do
    grep -qF -- "\`$code\`" <<<"$table" || missing+=("$code")
done
for code in $exits; do
    grep -qE -- "exit $code\b" <<<"$table" || missing+=("exit $code")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    fail "docs/runbook.md's Troubleshooting has no row for: ${missing[*]}"
fi
echo "troubleshooting: PASS: $(wc -w <<<"$service $files $agents") error codes and $(wc -w <<<"$exits") exit codes have their row"
