#!/usr/bin/env bash
# Takes the README's screenshots: main window with data, drop preview, search results, quota
# gauges, sync panel. Makes the same demo database as screenshot.sh with the real CLI, then runs the
# screenshot driver (ui_screenshots.cpp) under Xvfb, which drives the real window and saves
# each state.
#
#   tests/ui/screenshots.sh BIN DRIVER OUTDIR [LANGUAGE]
#
# BIN is the vectordesk binary, DRIVER build/tests/ui/vectordesk_ui_screenshots. LANGUAGE (en,
# de, fr; default en) is the window's language; in German or French the driver takes the main
# window and the search playground only.
set -euo pipefail

if [[ $# -lt 3 || $# -gt 4 ]]; then
    echo "usage: $0 BIN DRIVER OUTDIR [LANGUAGE]" >&2
    exit 2
fi
BIN=$(realpath "$1")
DRIVER=$(realpath "$2")
OUTDIR=$(realpath -m "$3")
LANGUAGE=${4:-en}
mkdir -p "$OUTDIR"
command -v xvfb-run >/dev/null || { echo "$0: xvfb-run is not installed" >&2; exit 1; }

WORK=$(mktemp -d -t vectordesk-screenshot.XXXXXX)
cleanup() { rm -rf "$WORK"; }
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
# A damaged PDF: its header passes the attach check, indexing fails it (no readable document).
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >>\nnot really a PDF\n' >"$DOCS/contracts/signed-scan.pdf"
make_doc "$DOCS/invoices/invoice-2024-001.txt" "Invoice 2024-001" 12
make_doc "$DOCS/invoices/invoice-2024-002.txt" "Invoice 2024-002" 15
make_doc "$DOCS/invoices/invoice-2024-003.txt" "Invoice 2024-003" 9
printf '%%PDF-1.4\nscanned, damaged\n' >"$DOCS/invoices/invoice-2024-004-scan.pdf" # the window's sync pass fails it
make_doc "$DOCS/handbook/onboarding.md" "Onboarding" 60
make_doc "$DOCS/handbook/security-policy.md" "Security policy" 150
make_doc "$DOCS/research/benchmarks.md" "Retrieval benchmarks" 300

vd tenant create acme --name "Acme Corp" --plan starter
vd tenant create globex --name "Globex Corporation" --plan free
vd tenant create initech --name "Initech" --plan pro
vd store create --tenant acme contracts
vd member add --tenant acme bob --role editor
vd member add --tenant acme carol --role viewer
vd member add --tenant acme dave --role admin
vd store create --tenant acme invoices --expires-after-days 30
vd store create --tenant acme handbook
vd store create --tenant globex research --chunk-size 400 --chunk-overlap 80 # the drop preview offers it
vd store create --tenant initech drafts --expires-after-days 2 # the sync panel warns: expires soon
vd store create --tenant initech support-kb

# Each refused file is reported on its own; the others are attached.
vd file attach --tenant acme --store contracts "$DOCS"/contracts/* --attributes '{"customer":"acme","year":2024}' || true
vd file attach --tenant acme --store invoices "$DOCS"/invoices/* || true
vd file attach --tenant acme --store handbook "$DOCS"/handbook/* || true
vd file attach --tenant globex --store research "$DOCS"/research/* || true
# Ingest some stores now (the scan fails); invoices stay waiting, so all three states show.
vd file wait --tenant acme --store contracts || true
vd file wait --tenant acme --store handbook || true
# A pass of the sync worker from the command line, for the sync history (initech only: it warns
# that drafts expires soon; acme's invoices stay waiting).
vd --sync --once --tenant initech || true


# Acme's agents (docs/agents.md): one on two stores with options, one following the primary store,
# one whose consumer (openai) cannot reach its local store, so each status shows.
vd agent create --tenant acme support --binding explicit --store contracts --store handbook \
    --description "Answers employees from contracts and the handbook" \
    --options '{"max_num_results": 8, "ranking_options": {"ranker": "auto", "score_threshold": 0.2}}'
vd agent create --tenant acme helper --description "Follows the primary store"
vd agent create --tenant acme legal --binding explicit --store invoices --consumer openai || true

# Stores near their limits, so the gauges show their colours: acme may have 4 stores (3 = 75 %),
# 7 files per store (contracts: 6 = 86 %, amber) and 175 KB in all (red from 95 %).
vd tenant set-plan acme starter --override max_stores=4 --override max_files_per_store=7 \
    --override max_total_bytes=$(( $(du -cb "$DOCS"/contracts/* "$DOCS"/invoices/* "$DOCS"/handbook/* | tail -1 | cut -f1) * 100 / 97 ))

# What the drop preview gets: new files in a folder, a duplicate, a wrong type, an empty file.
make_doc "$DOCS/drop/new-contracts/renewal-2025.md" "Renewal 2025" 80
make_doc "$DOCS/drop/new-contracts/amendment-3.txt" "Amendment 3" 25
make_doc "$DOCS/drop/new-contracts/annex/service-levels.md" "Service levels" 60
printf 'MZ' >"$DOCS/drop/scanner-setup.exe"
head -c 65536 "$BIN" >"$DOCS/drop/release-notes.txt" # a program renamed .txt: refused in the preview
: >"$DOCS/drop/empty-notes.txt"

# A private Secret Service (as in the key tests), so the settings show a keychain that works.
KEYRING=()
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
    KEYRING=("$(dirname "$(realpath "$0")")/../openai/with-keyring.sh")
fi
"${KEYRING[@]}" xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb \
    "$DRIVER" --db "$DB" --as "$VECTORDESK_OPERATOR" --docs "$DOCS" --out "$OUTDIR" --language "$LANGUAGE"
