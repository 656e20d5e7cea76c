#!/usr/bin/env bash
# The runbook's PostgreSQL backup and restore (docs/runbook.md, "Backup and restore"), run as
# written against the test suite's private PostgreSQL server: its third and fourth shell blocks
# are taken from the page itself. A live database with three ingested documents is dumped with
# pg_dump and its engine folder backed up; the live database is then dropped and its engine
# folder removed, and the copy restored into a new database and a fresh engine folder must
# answer the same searches, byte for byte.
# Usage: backup-restore-pg.sh VECTORDESK_BINARY RUNBOOK_MD PG_FIXTURE_DIR SOURCE_DIR
set -euo pipefail

binary=$1
runbook=$2
pg_dir=$3
source_dir=$4
fail() { echo "backup_restore_pg: FAIL: $*" >&2; exit 1; }
command -v sqlite3 >/dev/null || fail "sqlite3 is missing (scripts/deps --test installs it)"
[[ -x $binary ]] || fail "no binary at $binary"
[[ -f $pg_dir/port ]] || fail "the PostgreSQL fixture is not running ($pg_dir/port is missing)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work" # pg_dump and pg_restore run as root, the server as postgres: nothing to share
export HOME=$work/home QT_QPA_PLATFORM=offscreen
unset VECTORDESK_DB XDG_DATA_HOME XDG_CONFIG_HOME
mkdir -p "$HOME" "$work/bin" "$work/docs"
ln -s "$(readlink -f "$binary")" "$work/bin/vectordesk"
port=$(tr -d '\n' <"$pg_dir/port")
socketdir=$(tr -d '\n' <"$pg_dir/socketdir")
pg_bin=$(tr -d '\n' <"$pg_dir/bin")
export PATH=$work/bin:$pg_bin:$PATH
# pg_dump, createdb and pg_restore connect as the runbook says: the usual PG* variables.
export PGHOST=$socketdir PGPORT=$port PGUSER=postgres

# The runbook's blocks of the section, in order; /srv/ becomes a folder of this run and the
# example server's URL this server's.
awk '/^## Backup and restore/{in_section=1; next} /^## /{in_section=0}
     in_section && /^```sh/{in_block=1; next} in_block && /^```/{in_block=0; print "#--- block end"; next}
     in_block{print}' "$runbook" |
    sed -e "s#/srv/#$work/srv/#g" \
        -e "s#postgresql://vectordesk@db.example.com/\([a-z_]*\)#postgresql://postgres@localhost:$port/\1?host=$socketdir#g" \
        >"$work/blocks.sh"
block() { # N: the Nth block of the section
    awk -v n="$1" '/^#--- block end/{i++; next} i == n - 1' "$work/blocks.sh"
}
backup_block=$(block 3)
restore_block=$(block 4)
[[ $backup_block == *"pg_dump"* ]] || fail "the runbook's PostgreSQL backup block was not found"
[[ $restore_block == *"pg_restore"* ]] || fail "the runbook's PostgreSQL restore block was not found"

# A live database named as in the runbook, with its own engine folder: three documents, ingested.
# Databases of earlier runs of this test go first.
psql -q -d postgres -c 'DROP DATABASE IF EXISTS vectordesk' -c 'DROP DATABASE IF EXISTS vectordesk_restored' ||
    fail "cannot reach the PostgreSQL fixture"
createdb vectordesk
live_url="postgresql://postgres@localhost:$port/vectordesk?host=$socketdir"
export VECTORDESK_ENGINE_DIR=$work/live-engine
printf '# Wing flutter\n\nFlutter is a self-excited oscillation of a wing in the airstream.\n' >"$work/docs/flutter.md"
printf 'Boundary layers grow downstream along a flat plate; the notice period is thirty days.\n' >"$work/docs/layers.txt"
printf '# Notice\n\nEither party may end the contract with a written notice period of ninety days.\n' >"$work/docs/notice.md"
vectordesk --db "$live_url" init --tenant acme --store handbook --yes >/dev/null
vectordesk --db "$live_url" file attach --tenant acme --store handbook "$work/docs" --wait >/dev/null
queries=("notice period" "wing flutter" "boundary layers")
for i in "${!queries[@]}"; do
    vectordesk --db "$live_url" search --tenant acme --store handbook --json "${queries[$i]}" >"$work/live-$i.json"
    grep -q '"file_id"' "$work/live-$i.json" || fail "the live search for '${queries[$i]}' found nothing"
done

# One shell session, as an admin would type it: the backup block, the live database and engine
# folder gone entirely (the restore must need nothing of them), the restore block.
echo "backup_restore_pg: dumping, then restoring into a new database, as docs/runbook.md says"
(
    set -e
    eval "$backup_block"
    dropdb vectordesk
    rm -rf "$VECTORDESK_ENGINE_DIR"
    eval "$restore_block"
) >"$work/session.log" 2>&1 || fail "the runbook's steps failed: $(cat "$work/session.log")"
restored_url="postgresql://postgres@localhost:$port/vectordesk_restored?host=$socketdir"
export VECTORDESK_ENGINE_DIR=$work/srv/vectordesk/engine-restored
[[ -f $VECTORDESK_ENGINE_DIR/engine-id ]] || fail "nothing restored at $VECTORDESK_ENGINE_DIR"
for i in "${!queries[@]}"; do
    vectordesk --db "$restored_url" search --tenant acme --store handbook --json "${queries[$i]}" >"$work/restored-$i.json" ||
        fail "the restored copy refused the search '${queries[$i]}': $(cat "$work/restored-$i.json")"
    diff -u "$work/live-$i.json" "$work/restored-$i.json" || fail "the restored copy answers '${queries[$i]}' differently"
done
psql -q -d postgres -c 'DROP DATABASE IF EXISTS vectordesk_restored' >/dev/null
echo "backup_restore_pg: the restored copy answers ${#queries[@]} searches exactly as the live one did"
