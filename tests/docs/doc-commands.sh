#!/usr/bin/env bash
# Every command the documentation shows is run, so the documentation cannot rot:
#   - README.md and docs/runbook.md: each ```sh block is run as written, in page order, in one
#     sandbox per page (its own HOME and default database), with `set -e`: a command that fails
#     fails the test. The inline `vectordesk ...` commands of both pages are run there too.
#   - docs/cli.md: every command of its table is asked for `--help`, which must list each option
#     the table gives it; its inline example commands are run in a sandbox made for them.
# A line that cannot run here is listed in NOT_RUN below with the reason; an entry that matches
# no line any more fails the test, so the list cannot go stale. The runbook's "Backup and restore"
# section is left to the two tests that run it with its checks (tests/runbook/).
#
#   tests/docs/doc-commands.sh VECTORDESK_BINARY SOURCE_DIR
set -euo pipefail

binary=$(readlink -f "$1")
source_dir=$(readlink -f "$2")
fail() { echo "doc_commands: FAIL: $*" >&2; exit 1; }
[[ -x $binary ]] || fail "no binary at $binary"

# Lines shown in the docs that this test does not run, and why (exact text before any comment).
declare -A NOT_RUN=(
    ["scripts/run"]="builds and starts the window: the same binary this test runs, built by the CI run itself"
    ["scripts/test"]="is the CI run this test is part of"
    ["vectordesk store create --tenant acme --backend openai docs"]="needs an OpenAI key; OpenAI stores from the CLI are tested against a fake OpenAI in tst_openai_cli"
    ["systemctl --user enable --now vectordesk-sync.timer"]="needs a systemd user session; the package test installs the units"
    ["systemctl --user disable --now vectordesk-sync.timer"]="needs a systemd user session; the package test installs the units"
)
# Lines of a page that must end with a given exit code instead of 0, and why ("PAGE|COMMAND").
declare -A EXIT_CODE=(
    ["runbook.md|vectordesk file attach --tenant acme --store handbook ~/docs/ --wait"]="1:a PDF of ~/docs fails ingestion, which that section is about; --wait then exits 1"
    ["runbook.md|vectordesk --sync --once"]="1:the retried PDF fails again (nothing here can give it text), and a pass with a failed item exits 1 (docs/sync.md)"
)

work=$(mktemp -d -t vectordesk-doc-commands.XXXXXX)
serve_pid=
cleanup() {
    [[ -n $serve_pid ]] && kill "$serve_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
unset VECTORDESK_DB VECTORDESK_ENGINE_DIR XDG_DATA_HOME XDG_CONFIG_HOME OTEL_EXPORTER_OTLP_ENDPOINT
export QT_QPA_PLATFORM=offscreen USER=${USER:-doc-reader}

# `vectordesk` as the docs' reader has it, on PATH. Three invocations run until stopped and are
# run so that they end: the window (alone, or with only --db/--as) must still be up after 5 s;
# `serve` must answer HTTP on its port, then gets SIGTERM; an `init` without --yes gets Enter for
# each question (the suggestions), as a reader pressing Enter would.
mkdir -p "$work/bin"
cat >"$work/bin/vectordesk" <<EOF
#!/usr/bin/env bash
real=$binary
EOF
cat >>"$work/bin/vectordesk" <<'EOF'
if [[ $# -eq 0 ]]; then
    rc=0; timeout 5 "$real" || rc=$?
    [[ $rc -eq 124 ]] && { echo "(the window was up for 5 s)"; exit 0; }
    echo "the window ended by itself with $rc" >&2; exit 1
fi
if [[ $1 == init && " $* " != *" --yes "* ]]; then
    printf '\n\n\n\n\n\n' | "$real" "$@"; exit
fi
if [[ $1 == serve ]]; then
    args=("$@")
    port=$(( 20000 + RANDOM % 20000 ))
    for i in "${!args[@]}"; do
        # The docs' port may be taken on this machine: the same address on a free port.
        [[ ${args[$i]} == *:8080 ]] && args[$i]=${args[$i]%:8080}:$port
    done
    [[ " ${args[*]} " == *" --listen "* ]] || args+=(--listen "127.0.0.1:$port")
    "$real" "${args[@]}" --no-sync &
    pid=$!
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            printf 'GET /v1/vector_stores HTTP/1.0\r\n\r\n' >"/dev/tcp/127.0.0.1/$port" 2>/dev/null || true
            kill -TERM $pid; wait $pid || true
            echo "(serve answered on port $port, then stopped)"; exit 0
        fi
        kill -0 $pid 2>/dev/null || { wait $pid; echo "serve ended by itself" >&2; exit 1; }
        sleep 0.1
    done
    kill -TERM $pid; echo "serve did not listen within 10 s" >&2; exit 1
fi
exec "$real" "$@"
EOF
chmod +x "$work/bin/vectordesk"
export PATH=$work/bin:$PATH

# A sandbox: a fresh HOME (so a fresh default database) with the documents the pages attach:
# ~/contracts/ and ~/docs/ hold twelve files each; in ~/docs the twelfth is a PDF without text,
# which fails at ingestion, so the runbook's `file show ... 12` and `file retry ... 12` find a
# failed file 12 (ids count from 1 in a fresh database, in the order a folder is attached).
new_sandbox() {
    export HOME=$work/$1
    mkdir -p "$HOME"
    cd "$HOME"
    for folder in contracts docs; do
        mkdir -p "$folder"
        for i in $(seq -w 1 12); do
            printf '# Clause %s\n\nThe termination notice period is %s days; the notice period starts at signature.\n' \
                "$i" "$((10#$i * 10))" >"$folder/clause-$i.md"
        done
    done
    mv docs/clause-12.md docs/scan-12.md
    cp "$source_dir/tests/engine/extract/data/no-text.pdf" docs/scan-12.pdf
    rm docs/scan-12.md
}

# The ```sh blocks of a page, each line checked against NOT_RUN, written as one script.
script_of() { # PAGE OUT
    local page=$1 out=$2 line command
    {
        echo "set -euo pipefail"
        # The runbook's /srv/ becomes a folder of this run.
        # The runbook's "Backup and restore" blocks are run, with their checks, by the
        # backup_restore and backup_restore_pg tests (tests/runbook/).
        awk '/^## /{skip = ($0 ~ /^## Backup and restore/)} /^```sh/{b=1; next} /^```/{b=0; next} b && !skip' "$page" |
            sed "s#/srv/#$work/srv/#g" | while IFS= read -r line; do
            command=$(sed -E 's/[[:space:]]+#.*$//; s/[[:space:]]+$//' <<<"$line")
            if [[ -n $command && -n ${NOT_RUN[$command]+x} ]]; then
                echo "echo '(not run: ${command//\'/} — ${NOT_RUN[$command]//\'/})'"
                echo "$command" >>"$work/used"
            elif [[ -n $command && -n ${EXIT_CODE[$(basename "$page")|$command]+x} ]]; then
                local code=${EXIT_CODE[$(basename "$page")|$command]%%:*}
                echo "rc=0; $command || rc=\$?"
                echo "[[ \$rc -eq $code ]] || { echo 'expected exit $code from: ${command//\'/}' >&2; exit 1; }"
                echo "$(basename "$page")|$command" >>"$work/used"
            else
                printf '%s\n' "$line"
            fi
        done
    } >"$out"
}

# The inline `vectordesk ...` commands of a page that are whole commands (no placeholder in
# capitals, not a file or man page name).
inline_of() { # PAGE
    # Outside fenced blocks, with paragraphs joined: an inline command may wrap across lines.
    awk '/^```/{b=!b; next} !b' "$1" | tr '\n' ' ' | grep -o '`vectordesk[^`]*`' | tr -d '`' |
        grep -v -E '[A-Z]{2,}|^vectordesk\(1\)|^vectordesk_' | sort -u
}

run_page() { # NAME PAGE
    local name=$1 page=$2
    new_sandbox "$name"
    script_of "$page" "$work/$name.sh"
    inline_of "$page" | sed 's/^/( set -x; /; s/$/ )/' >>"$work/$name.sh"
    echo "doc_commands: $(basename "$page"): $(grep -c -v -E '^(set -euo|echo .\(not run)' "$work/$name.sh") lines"
    bash -x "$work/$name.sh" >"$work/$name.log" 2>&1 || {
        tail -40 "$work/$name.log" >&2
        fail "a command shown in $(basename "$page") failed (the last lines above)"
    }
}

: >"$work/used"
run_page readme "$source_dir/README.md"
run_page runbook "$source_dir/docs/runbook.md"

# docs/cli.md, the commands table: each command's --help lists every option the table gives it.
cli=$source_dir/docs/cli.md
checked=0
while IFS= read -r row; do
    first=$(cut -d'|' -f2 <<<"${row//\\|/¦}")
    mapfile -t spans < <(grep -o '`[^`]*`' <<<"$first" | tr -d '`')
    shared=()
    for span in "${spans[@]}"; do [[ $span == --tenant* ]] && shared+=("$span"); done
    for span in "${spans[@]}"; do
        [[ $span == --tenant* ]] && continue
        words=()
        for w in $span; do
            [[ $w == -* || $w == [A-Z]* || $w == \[* || $w == \<* ]] && break
            words+=("$w")
        done
        [[ ${#words[@]} -eq 0 ]] && words=("${span%% *}")
        # "agent bind¦unbind": both commands.
        variants=("${words[*]}")
        if [[ ${words[*]} == *¦* ]]; then
            last=${words[-1]}
            variants=()
            for v in ${last//¦/ }; do variants+=("${words[*]:0:${#words[@]}-1} $v"); done
            variants=("${variants[@]# }")
        fi
        for command in "${variants[@]}"; do
            # shellcheck disable=SC2086
            help=$("$binary" $command --help 2>&1) || fail "docs/cli.md shows '$command', but 'vectordesk $command --help' fails: $help"
            for option in $(grep -o -E -- '--[a-z][a-z0-9-]*' <<<"$span ${shared[*]}" | sort -u); do
                grep -q -- "$option" <<<"$help" ||
                    fail "docs/cli.md gives '$command' the option $option, which 'vectordesk $command --help' does not list"
            done
            checked=$((checked + 1))
        done
    done
done < <(awk '/^## Commands/{t=1; next} t && /^\|/{seen=1; if (/^\| `/) print; next} t && seen{exit}' "$cli")
[[ $checked -ge 40 ]] || fail "only $checked commands read from docs/cli.md's table; is the table still there?"
echo "doc_commands: cli.md: $checked commands answer --help with the options the table gives them"

# docs/cli.md's inline examples, in a sandbox with what they name: tenant acme, its store docs
# with seven files (file 7 is the last).
new_sandbox cli
vectordesk tenant create acme >/dev/null
vectordesk store create --tenant acme docs >/dev/null
vectordesk file attach --tenant acme --store docs "$HOME"/docs/clause-0{1..7}.md >/dev/null
inline_of "$cli" | sed 's/^/( set -x; /; s/$/ )/' >"$work/cli.sh"
grep -q "set-attributes" "$work/cli.sh" || fail "docs/cli.md's inline examples were not found"
bash -e "$work/cli.sh" >"$work/cli.log" 2>&1 || { tail -30 "$work/cli.log" >&2; fail "an inline command of docs/cli.md failed"; }
echo "doc_commands: cli.md: $(wc -l <"$work/cli.sh") inline commands ran"

# Every NOT_RUN and EXIT_CODE entry still names a line of the docs.
for command in "${!NOT_RUN[@]}" "${!EXIT_CODE[@]}"; do
    grep -qxF -- "$command" "$work/used" || fail "NOT_RUN lists '$command', which no page shows any more: remove it"
done
echo "doc_commands: PASS"
