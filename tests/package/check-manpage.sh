#!/usr/bin/env bash
# manpage (ctest, docs/packaging.md): the manual page packaging/vectordesk.1 has an entry
# (`.SS "COMMAND"`) for every command `vectordesk --help` lists, and each entry names every option
# `vectordesk COMMAND --help` lists; the options for every command and `serve`'s options are
# checked the same way. Also: groff formats the page without a warning.
# Usage: check-manpage.sh VECTORDESK_BINARY MANPAGE
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "Usage: $0 VECTORDESK_BINARY MANPAGE" >&2
    exit 2
fi
binary=$1
manpage=$2
failures=0

missing() {
    echo "manpage: $*" >&2
    failures=$((failures + 1))
}

# The page as plain words: \- is -, font escapes go.
plain=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(em/--/g' "$manpage")

# The text of one entry: from `.SS "NAME"` to the next .SS or .SH.
entry() {
    awk -v name="$1" '
        /^\.S[SH] / { inside = ($0 == ".SS \"" name "\"") ; next }
        inside { print }
    ' <<<"$plain"
}

# Options a help text lists: every --name in the left column of lines that start "  -" (the
# description follows on the next line, or after two spaces as in `serve --help`).
options_of() {
    sed -n 's/^  \(-[^ ].*\)/\1/p' | sed 's/   *.*//' | grep -oE -- '--[a-z0-9-]+' | sed 's/^--//' | sort -u || true
}

check_options() {
    local name=$1 help=$2 text option
    text=$(entry "$name")
    if [[ -z $text ]]; then
        missing "no entry .SS \"$name\" for '$name'"
        return
    fi
    while read -r option; do
        [[ -n $option && $option != help ]] || continue
        grep -qE -- "--$option([^a-z0-9-]|\$)" <<<"$text" || missing "the entry for '$name' lacks --$option"
    done < <(options_of <<<"$help")
}

help=$(env -i PATH=/usr/bin:/bin HOME="${HOME:-/tmp}" "$binary" --help)
mapfile -t commands < <(sed -n 's/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)\{0,1\}\)\( .*\)\{0,1\}$/\1/p' \
    <<<"$(sed -n '/^Commands:/,/^$/p' <<<"$help")")
[[ ${#commands[@]} -ge 10 ]] || { echo "manpage: found only ${#commands[@]} commands in vectordesk --help" >&2; exit 1; }

# Options for every command: in the OPTIONS section.
check_options "Options for every command" "$(sed -n '/^Options for every command:/,/^$/p' <<<"$help")"

for command in "${commands[@]}"; do
    read -ra words <<<"$command"
    command_help=$(env -i PATH=/usr/bin:/bin HOME="${HOME:-/tmp}" "$binary" "${words[@]}" --help)
    check_options "$command" "$command_help"
done

# serve has its own help (`--sync --help` is `sync --help`, a command above).
check_options serve "$(env -i PATH=/usr/bin:/bin HOME="${HOME:-/tmp}" "$binary" serve --help)"
grep -qF -- '.B vectordesk \-\-sync' "$manpage" || missing "the sync entry does not show 'vectordesk --sync'"

# The page is of this version (its header and --version's line).
version=$(env -i PATH=/usr/bin:/bin HOME="${HOME:-/tmp}" "$binary" --version | sed -n 's/^vectordesk //p')
grep -q "^\.TH VECTORDESK 1 .* \"VectorDesk $version\"" "$manpage" || missing "the .TH line does not name VectorDesk $version"
grep -qF "(\fBvectordesk $version\fR)" "$manpage" || missing "--version's entry does not show vectordesk $version"

# Exit codes, environment and files have their sections.
for section in "EXIT STATUS" ENVIRONMENT FILES; do
    grep -qx "\.SH \"\{0,1\}$section\"\{0,1\}" "$manpage" || missing "no section $section"
done

if command -v groff >/dev/null 2>&1; then
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 groff -man -Tutf8 -ww -z "$manpage" 2>&1 || true)
    [[ -z $warnings ]] || missing "groff warns: $warnings"
fi

if [[ $failures -ne 0 ]]; then
    echo "manpage: $failures problem(s) in $manpage; see docs/packaging.md" >&2
    exit 1
fi
echo "manpage: ${#commands[@]} commands and their options are in $manpage"
