#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the test suite (used as a CTest fixture).
#
#   pg-fixture.sh start DIR           start a fresh server; write its connection details to DIR
#   pg-fixture.sh stop DIR            stop it and delete DIR (and the server's files)
#   pg-fixture.sh createdb DIR NAME   (re)create an empty database NAME; print its socket URL
#
# Files written by start (world-readable, one line each ending in a newline; trim when reading):
#   DIR/url        postgresql://postgres@localhost:PORT/vectordesk_test?host=SOCKETDIR
#                  (Unix socket, trust auth; the form VectorDesk's --db / VECTORDESK_DB accept)
#   DIR/psql-url   postgresql://postgres@/vectordesk_test?host=SOCKETDIR&port=PORT  (libpq form)
#   DIR/tcp-url    postgresql://postgres:vectordesk-test@127.0.0.1:PORT/vectordesk_test
#                  (TCP on 127.0.0.1, SCRAM password auth)
#   DIR/port       the port
#   DIR/socketdir  the Unix socket directory
#   DIR/bin        the PostgreSQL bin directory (psql, pg_ctl, ...)
#   DIR/password   the postgres user's password (vectordesk-test)
#   DIR/real-dir   only when the server's files live elsewhere (see below)
#
# PostgreSQL refuses to run as root: as root, the server runs as the 'postgres' system user. When
# DIR is not reachable by that user (e.g. under /root), or its path is too long for a Unix socket,
# the server's files go to a fresh /tmp/vectordesk-pg.XXXXXX whose path is kept in DIR/real-dir.
set -euo pipefail

readonly PG_VERSION=15
readonly PG_BIN_DEFAULT=/usr/lib/postgresql/$PG_VERSION/bin
readonly PASSWORD=vectordesk-test
readonly DATABASE=vectordesk_test
readonly MARKER=.vectordesk-pg-fixture

me=pg-fixture

usage() {
    echo "Usage: pg-fixture.sh start DIR | stop DIR | createdb DIR NAME" >&2
}

die() {
    echo "$me: $*" >&2
    exit 1
}

note() {
    echo "$me: $*" >&2
}

is_root() { [[ $(id -u) -eq 0 ]]; }

# Runs a command as the user that owns the server: 'postgres' when we are root.
as_pg() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

pg_bin() {
    local bin=${VECTORDESK_PG_BIN:-$PG_BIN_DEFAULT}
    if [[ ! -x $bin/initdb || ! -x $bin/pg_ctl || ! -x $bin/psql ]]; then
        die "PostgreSQL $PG_VERSION binaries not found in $bin. Install the Debian package" \
            "postgresql-$PG_VERSION (scripts/deps --test does that), or set VECTORDESK_PG_BIN."
    fi
    echo "$bin"
}

# The directory holding the server's files (data/, socket/, server.log) for fixture dir $1.
real_dir_of() {
    if [[ -f $1/real-dir ]]; then
        cat "$1/real-dir"
    else
        echo "$1"
    fi
}

# Stops whatever server has its files in real dir $1 (best effort, no error if none).
stop_server_in() {
    local real=$1 bin=$2 data=$1/data pid
    [[ -f $data/postmaster.pid ]] || return 0
    if [[ -n $bin ]]; then
        as_pg "$bin/pg_ctl" -D "$data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
    fi
    if [[ -f $data/postmaster.pid ]]; then
        pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
        if [[ $pid =~ ^[0-9]+$ ]] && [[ $(cat "/proc/$pid/comm" 2>/dev/null || true) == postgres ]]; then
            note "killing leftover server $pid in $real"
            kill -KILL "$pid" 2>/dev/null || true
            for _ in $(seq 50); do
                [[ -e /proc/$pid ]] || break
                sleep 0.1
            done
        fi
    fi
}

# Removes the server files and the fixture dir $1 (only what this script created).
cleanup_dir() {
    local dir=$1 bin=$2 real
    real=$(real_dir_of "$dir")
    stop_server_in "$real" "$bin"
    if [[ $real != "$dir" && -f $real/$MARKER ]]; then
        rm -rf -- "$real"
    fi
    rm -rf -- "$dir"
}

# True when the path can hold a Unix socket (limit 107 bytes) and is safe to put in -o "...".
usable_path() {
    local path=$1
    [[ ${#path} -le 80 && $path =~ ^[A-Za-z0-9._/+-]+$ ]]
}

port_in_use() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        [[ -n $(ss -Htan "sport = :$port" 2>/dev/null) ]] && return 0
    fi
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    return 1
}

pick_port() {
    local port
    for _ in $(seq 100); do
        port=$((20000 + RANDOM % 40000))
        if ! port_in_use "$port"; then
            echo "$port"
            return 0
        fi
    done
    die "could not find a free TCP port on 127.0.0.1"
}

write_file() { # path content
    printf '%s\n' "$2" >"$1"
    chmod 0644 "$1"
}

cmd_start() {
    local dir=$1 bin real data sock log port attempt started=0
    bin=$(pg_bin)
    if is_root && ! id -u postgres >/dev/null 2>&1; then
        die "running as root, but there is no 'postgres' system user to run the server as." \
            "Install postgresql-$PG_VERSION (scripts/deps --test)."
    fi

    # Leftovers of an earlier run: stop its server and remove its files.
    if [[ -e $dir ]]; then
        [[ -d $dir ]] || die "$dir exists and is not a directory"
        if [[ -f $dir/$MARKER ]]; then
            note "removing the leftovers of an earlier run in $dir"
            cleanup_dir "$dir" "$bin"
        elif [[ -n $(ls -A "$dir") ]]; then
            die "$dir is not empty and was not made by this script; give a dedicated directory"
        fi
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    : >"$dir/$MARKER"

    # Where the server's files live: in DIR when the server's user can reach it, else in /tmp.
    real=$dir
    if is_root; then
        chown postgres: "$dir"
        chmod 0755 "$dir"
        if ! runuser -u postgres -- test -w "$dir" -a -x "$dir" 2>/dev/null; then
            real=
        fi
    fi
    if [[ -n $real ]] && ! usable_path "$real/socket"; then
        real=
    fi
    if [[ -z $real ]]; then
        real=$(mktemp -d /tmp/vectordesk-pg.XXXXXX)
        : >"$real/$MARKER"
        chmod 0755 "$real"
        if is_root; then chown postgres: "$real"; fi
        write_file "$dir/real-dir" "$real"
    fi
    data=$real/data
    sock=$real/socket
    log=$real/server.log
    as_pg mkdir -p "$sock"
    as_pg chmod 0755 "$sock"

    # initdb, with the password given through a file readable only by the server's user.
    local pwfile=$real/pwfile
    # shellcheck disable=SC2016 # $1 and $2 are expanded by the inner sh
    as_pg sh -c 'umask 077 && printf "%s\n" "$1" >"$2"' sh "$PASSWORD" "$pwfile"
    if ! as_pg "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --no-locale --no-sync >"$real/initdb.log" 2>&1; then
        cat "$real/initdb.log" >&2
        die "initdb failed (log above)"
    fi
    rm -f "$pwfile"

    # Start on a free port; retry with another one if a parallel run took it first.
    for attempt in 1 2 3 4 5; do
        port=$(pick_port)
        if as_pg "$bin/pg_ctl" -D "$data" -l "$log" -w -t 30 -o "-c listen_addresses=127.0.0.1 -p $port -k $sock -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >/dev/null 2>&1; then
            started=1
            break
        fi
        note "server did not start on port $port (attempt $attempt)"
        stop_server_in "$real" "$bin"
    done
    if [[ $started -ne 1 ]]; then
        tail -n 30 "$log" >&2 2>/dev/null || true
        die "PostgreSQL did not start (server log above: $log)"
    fi

    if ! "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U postgres -d postgres \
        -c "CREATE DATABASE $DATABASE" >/dev/null; then
        die "could not create database $DATABASE"
    fi

    write_file "$dir/port" "$port"
    write_file "$dir/socketdir" "$sock"
    write_file "$dir/bin" "$bin"
    write_file "$dir/password" "$PASSWORD"
    write_file "$dir/url" "postgresql://postgres@localhost:$port/$DATABASE?host=$sock"
    write_file "$dir/psql-url" "postgresql://postgres@/$DATABASE?host=$sock&port=$port"
    write_file "$dir/tcp-url" "postgresql://postgres:$PASSWORD@127.0.0.1:$port/$DATABASE"
    note "PostgreSQL $PG_VERSION running on 127.0.0.1:$port and socket $sock; details in $dir"
}

cmd_stop() {
    local dir=$1 bin=
    if [[ ! -e $dir ]]; then
        note "$dir does not exist; nothing to stop"
        return 0
    fi
    [[ -f $dir/$MARKER ]] || die "$dir was not made by this script; not touching it"
    if [[ -f $dir/bin ]]; then
        bin=$(cat "$dir/bin")
    elif [[ -x $PG_BIN_DEFAULT/pg_ctl ]]; then
        bin=$PG_BIN_DEFAULT
    fi
    cleanup_dir "$dir" "$bin"
    note "stopped the server and removed $dir"
}

cmd_createdb() {
    local dir=$1 name=$2 bin port sock
    [[ $name =~ ^[a-z_][a-z0-9_]{0,62}$ ]] ||
        die "database name '$name' must match [a-z_][a-z0-9_]* (at most 63 characters)"
    [[ -f $dir/port && -f $dir/socketdir && -f $dir/bin ]] ||
        die "no running fixture in $dir (run: pg-fixture.sh start $dir)"
    bin=$(cat "$dir/bin")
    port=$(cat "$dir/port")
    sock=$(cat "$dir/socketdir")
    if ! PGOPTIONS='-c client_min_messages=warning' "$bin/psql" -X -q -v ON_ERROR_STOP=1 \
        -h "$sock" -p "$port" -U postgres -d postgres \
        -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" >/dev/null; then
        die "could not create database $name"
    fi
    echo "postgresql://postgres@localhost:$port/$name?host=$sock"
}

[[ $# -ge 2 ]] || { usage; exit 2; }
command=$1
fixture_dir=$2
[[ -n $fixture_dir ]] || die "DIR must not be empty"
case "$command" in
    start) [[ $# -eq 2 ]] || { usage; exit 2; }; cmd_start "$fixture_dir" ;;
    stop) [[ $# -eq 2 ]] || { usage; exit 2; }; cmd_stop "$fixture_dir" ;;
    createdb) [[ $# -eq 3 ]] || { usage; exit 2; }; cmd_createdb "$fixture_dir" "$3" ;;
    *) usage; exit 2 ;;
esac
