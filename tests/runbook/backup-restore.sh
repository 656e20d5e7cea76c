#!/usr/bin/env bash
# The runbook's backup and restore (docs/runbook.md, "Backup and restore"), run as written: its
# shell blocks are taken from the page itself, so the page cannot drift from what works. A live
# SQLite database with three ingested documents is backed up online, the live copy is then
# removed entirely, and the copy restored into a fresh folder must answer the same searches,
# byte for byte.
# Usage: backup-restore.sh VECTORDESK_BINARY RUNBOOK_MD
set -euo pipefail

binary=$1
runbook=$2
fail() { echo "backup_restore: FAIL: $*" >&2; exit 1; }
command -v sqlite3 >/dev/null || fail "sqlite3 is missing (scripts/deps --test installs it)"
[[ -x $binary ]] || fail "no binary at $binary"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home QT_QPA_PLATFORM=offscreen
unset VECTORDESK_DB VECTORDESK_ENGINE_DIR XDG_DATA_HOME XDG_CONFIG_HOME
mkdir -p "$HOME" "$work/bin" "$work/docs"
ln -s "$(readlink -f "$binary")" "$work/bin/vectordesk"
export PATH=$work/bin:$PATH

# The runbook's blocks of the section, in order; /srv/ becomes a folder of this run.
awk '/^## Backup and restore/{in_section=1; next} /^## /{in_section=0}
     in_section && /^```sh/{in_block=1; next} in_block && /^```/{in_block=0; print "#--- block end"; next}
     in_block{print}' "$runbook" | sed "s#/srv/#$work/srv/#g" >"$work/blocks.sh"
backup_block=$(awk '/^#--- block end/{exit} {print}' "$work/blocks.sh")
restore_block=$(awk 'found{print} /^#--- block end/{if (found) exit; found=1}' "$work/blocks.sh" | sed '/^#--- block end/d')
[[ $backup_block == *".backup"* ]] || fail "the runbook's backup block was not found"
[[ $restore_block == *"cp -a"* ]] || fail "the runbook's restore block was not found"

# A live database: three documents, ingested.
printf '# Wing flutter\n\nFlutter is a self-excited oscillation of a wing in the airstream.\n' >"$work/docs/flutter.md"
printf 'Boundary layers grow downstream along a flat plate; the notice period is thirty days.\n' >"$work/docs/layers.txt"
printf '# Notice\n\nEither party may end the contract with a written notice period of ninety days.\n' >"$work/docs/notice.md"
vectordesk init --tenant acme --store handbook --yes >/dev/null
vectordesk file attach --tenant acme --store handbook "$work/docs" --wait >/dev/null
live_db=$HOME/.local/share/VectorDesk/vectordesk/vectordesk.sqlite
[[ -f $live_db ]] || fail "the default database is not at $live_db"
queries=("notice period" "wing flutter" "boundary layers")
for i in "${!queries[@]}"; do
    vectordesk search --tenant acme --store handbook --json "${queries[$i]}" >"$work/live-$i.json"
    grep -q '"file_id"' "$work/live-$i.json" || fail "the live search for '${queries[$i]}' found nothing"
done

# One shell session, as an admin would type it: the backup block, the live data gone entirely
# (the restore must need nothing of it), the restore block.
echo "backup_restore: backing up, then restoring into a fresh folder, as docs/runbook.md says"
(
    set -e
    eval "$backup_block"
    rm -rf "$HOME/.local/share/VectorDesk"
    eval "$restore_block"
) >"$work/session.log" 2>&1 || fail "the runbook's steps failed: $(cat "$work/session.log")"
restored_db=$work/srv/vectordesk/vectordesk.sqlite
[[ -f $restored_db ]] || fail "nothing restored at $restored_db"
for i in "${!queries[@]}"; do
    vectordesk --db "$restored_db" search --tenant acme --store handbook --json "${queries[$i]}" >"$work/restored-$i.json" ||
        fail "the restored copy refused the search '${queries[$i]}': $(cat "$work/restored-$i.json")"
    diff -u "$work/live-$i.json" "$work/restored-$i.json" || fail "the restored copy answers '${queries[$i]}' differently"
done
echo "backup_restore: the restored copy answers ${#queries[@]} searches exactly as the live one did"
