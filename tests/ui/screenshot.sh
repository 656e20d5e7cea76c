#!/usr/bin/env bash
# Takes a screenshot of the main window over a demo database made with the real CLI.
#
#   tests/ui/screenshot.sh BIN OUTPUT.png
#
# BIN is the vectordesk binary. Needs xvfb-run and ImageMagick's import. Everything it writes
# (database, settings, blobs) lives in a temporary folder that is removed afterwards, so the
# window opens at its default size with nothing remembered.
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 BIN OUTPUT.png" >&2
    exit 2
fi
BIN=$(realpath "$1")
OUT=$(realpath -m "$2")
for tool in xvfb-run import; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is not installed" >&2; exit 1; }
done

WORK=$(mktemp -d -t vectordesk-screenshot.XXXXXX)
APP_PID=
cleanup() {
    if [[ -n $APP_PID ]]; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data XDG_CACHE_HOME=$WORK/cache
export VECTORDESK_OPERATOR=${VECTORDESK_OPERATOR:-alice}
DB=$WORK/demo.sqlite

vd() { "$BIN" "$@" --db "$DB" --as "$VECTORDESK_OPERATOR" >/dev/null; }

# Text files of a given number of lines, so sizes differ visibly.
make_doc() { # PATH TITLE LINES
    mkdir -p "$(dirname "$1")"
    {
        echo "# $2"
        echo
        for ((i = 1; i <= $3; i++)); do
            echo "Clause $i. The parties agree that the services described in section $i are delivered as specified."
        done
    } >"$1"
}

DOCS=$WORK/docs
make_doc "$DOCS/contracts/master-services-agreement.md" "Master services agreement" 400
make_doc "$DOCS/contracts/nda-globex.txt" "Mutual NDA with Globex" 40
make_doc "$DOCS/contracts/pricing-schedule.md" "Pricing schedule 2024" 120
make_doc "$DOCS/contracts/statement-of-work-q3.md" "Statement of work Q3" 220
make_doc "$DOCS/contracts/data-processing-addendum.txt" "Data processing addendum" 90
printf 'not really a PDF\n' >"$DOCS/contracts/signed-scan.pdf" # fails ingestion: no extractable text
make_doc "$DOCS/invoices/invoice-2024-001.txt" "Invoice 2024-001" 12
make_doc "$DOCS/invoices/invoice-2024-002.txt" "Invoice 2024-002" 15
make_doc "$DOCS/invoices/invoice-2024-003.txt" "Invoice 2024-003" 9
make_doc "$DOCS/handbook/onboarding.md" "Onboarding" 60
make_doc "$DOCS/handbook/security-policy.md" "Security policy" 150
make_doc "$DOCS/research/benchmarks.md" "Retrieval benchmarks" 300

vd tenant create acme --name "Acme Corp" --plan starter
vd tenant create globex --name "Globex Corporation" --plan free
vd tenant create initech --name "Initech" --plan pro
vd store create --tenant acme contracts
vd store create --tenant acme invoices --expires-after-days 30
vd store create --tenant acme handbook
vd store create --tenant globex research
vd store create --tenant initech support-kb

# Each refused file is reported on its own; the others are attached.
vd file attach --tenant acme --store contracts "$DOCS"/contracts/* --attributes '{"customer":"acme","year":2024}' || true
vd file attach --tenant acme --store invoices "$DOCS"/invoices/* || true
vd file attach --tenant acme --store handbook "$DOCS"/handbook/* || true
vd file attach --tenant globex --store research "$DOCS"/research/* || true
# Ingest some stores now (the scan fails); invoices stay waiting, so all three states show.
vd file wait --tenant acme --store contracts || true
vd file wait --tenant acme --store handbook || true

xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    QT_QPA_PLATFORM=xcb "$0" --db "$1" --as "$2" &
    app=$!
    sleep 3
    import -window root "$3"
    kill "$app"
    wait "$app" 2>/dev/null || true
' "$BIN" "$DB" "$VECTORDESK_OPERATOR" "$OUT" &
APP_PID=$!
wait "$APP_PID"
APP_PID=
echo "wrote $OUT"
