#!/bin/sh
# Runs a command in a private D-Bus session with a real, unlocked Secret Service
# (gnome-keyring-daemon, secrets component), in a fresh keyring folder that is removed afterwards.
# Usage: with-keyring.sh COMMAND [ARGS...]
set -eu
for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-keyring.sh: $tool is missing; install the test dependencies with: scripts/deps --test" >&2
        exit 1
    fi
done
keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/vectordesk-keyring.XXXXXX")
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_CACHE_HOME="$keyring_home/cache" XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- sh -c '
    eval "$(printf "vectordesk-test" | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL
    "$@"
' with-keyring "$@"
