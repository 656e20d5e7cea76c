#!/usr/bin/env bash
# package_install (ctest, docs/packaging.md): builds the Debian package with cpack from the build
# tree, runs the validators (desktop-file-validate, appstreamcli validate, lintian), then installs
# it with `apt-get install ./vectordesk_*.deb` into a fresh copy of a clean Debian 12 root
# (debootstrap --variant=minbase, cached between runs) and runs vectordesk there. The package that
# passed is left in BUILD_DIR (vectordesk_<version>_<arch>.deb).
#
# Usage: package-install.sh SOURCE_DIR BUILD_DIR
# Environment:
#   VECTORDESK_PACKAGE_CACHE   where the root's tarball and the downloaded .debs are kept
#                              (default /var/cache/vectordesk-test)
#   VECTORDESK_DEBIAN_MIRROR   the Debian mirror (default http://deb.debian.org/debian)
#   CI=true                    a machine that cannot run the test (not root, a tool missing) fails
#                              it; elsewhere the test is skipped (exit 77).
# Needs root (debootstrap, chroot, mount) and the network to the Debian mirror only.
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "Usage: $0 SOURCE_DIR BUILD_DIR" >&2
    exit 2
fi
source_dir=$(cd "$1" && pwd)
build_dir=$(cd "$2" && pwd)

suite=bookworm
variant=minbase
mirror=${VECTORDESK_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache_dir=${VECTORDESK_PACKAGE_CACHE:-/var/cache/vectordesk-test}

step_started=$SECONDS
step() {
    echo "package_install: [$((SECONDS - step_started))s] $*"
}

cannot_run() {
    if [[ ${CI:-} == true ]]; then
        echo "package_install: FAIL: $1" >&2
        echo "CI must build and install the package: run it as root after scripts/deps --test." >&2
        exit 1
    fi
    echo "package_install: SKIP: $1 (CI=true makes this a failure)" >&2
    exit 77
}

[[ $(id -u) -eq 0 ]] || cannot_run "needs root for debootstrap, chroot and mount; run ctest as root"
for tool in cpack dpkg-deb dpkg-architecture debootstrap chroot mount umount findmnt flock \
    desktop-file-validate appstreamcli lintian; do
    command -v "$tool" >/dev/null 2>&1 || cannot_run "'$tool' is missing; scripts/deps --test installs it"
done
[[ -f $build_dir/CPackConfig.cmake ]] || cannot_run "no CPackConfig.cmake in $build_dir; configure the build first"

arch=$(dpkg-architecture -qDEB_HOST_ARCH)
mkdir -p "$cache_dir"
work_base=${TMPDIR:-/var/tmp}

# Stops what still runs in a root below a folder, unmounts everything mounted below it, deepest
# first, and removes the folder only when nothing is mounted in it any more (never through a bind
# mount). Returns 1 when something stays mounted.
remove_work() {
    local folder=$1 target proc
    # Processes still running in a root there (apt-get of a run that was killed) go first.
    for proc in /proc/[0-9]*; do
        [[ $(readlink "$proc/root" 2>/dev/null) == "$folder"/* ]] && kill -KILL "${proc#/proc/}" 2>/dev/null
    done
    while read -r target; do
        umount "$target" 2>/dev/null || umount -l "$target" || true
    done < <(findmnt -rn -o TARGET | grep -F "$folder/" | sort -r)
    if findmnt -rn -o TARGET | grep -qF "$folder/"; then
        echo "package_install: something is still mounted under $folder; not removing it" >&2
        return 1
    fi
    rm -rf --one-file-system "$folder"
}

# A run killed outright (SIGKILL at a ctest timeout) cannot clean up; the next run does it.
for stale in "$work_base"/vectordesk-package.*; do
    [[ -d $stale ]] || continue
    owner=$(cat "$stale/pid" 2>/dev/null || true)
    if [[ -z $owner ]] && [[ -z $(find "$stale" -maxdepth 0 -mmin +10) ]]; then
        continue # another run that has only just started
    fi
    if [[ -z $owner ]] || ! kill -0 "$owner" 2>/dev/null; then
        echo "package_install: removing $stale, left by a run that was killed"
        remove_work "$stale" || true
    fi
done

work=$(mktemp -d "$work_base/vectordesk-package.XXXXXX")
echo $$ >"$work/pid"
root="$work/root"

cleanup() {
    local status=$?
    if remove_work "$work"; then
        step "cleaned up"
    else
        status=1
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
    echo "package_install: FAIL: $*" >&2
    exit 1
}

# --- 1. The package, made by cpack from this build tree -----------------------------------------
step "cpack -G DEB"
cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$work/cpack" >"$work/cpack.log" 2>&1 \
    || { cat "$work/cpack.log" >&2; fail "cpack did not make the package"; }
shopt -s nullglob
debs=("$work"/cpack/vectordesk_*.deb)
shopt -u nullglob
[[ ${#debs[@]} -eq 1 ]] || fail "expected one vectordesk_*.deb from cpack, found ${#debs[@]}"
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
[[ $(basename "$deb") == "vectordesk_${version}_${arch}.deb" ]] \
    || fail "$(basename "$deb") is not named vectordesk_<version>_<arch>.deb (version $version, arch $arch)"
step "made $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
dpkg-deb -f "$deb" Package Version Architecture Section Depends Recommends Homepage

# --- 2. Validators -------------------------------------------------------------------------------
contents="$work/contents"
dpkg-deb -x "$deb" "$contents"
app_id=org.vectordesk.VectorDesk
for path in usr/bin/vectordesk "usr/share/applications/$app_id.desktop" "usr/share/metainfo/$app_id.metainfo.xml" \
    "usr/share/icons/hicolor/scalable/apps/$app_id.svg" "usr/share/icons/hicolor/16x16/apps/$app_id.png" \
    "usr/share/icons/hicolor/512x512/apps/$app_id.png" usr/share/man/man1/vectordesk.1.gz \
    usr/share/doc/vectordesk/copyright usr/share/doc/vectordesk/changelog.Debian.gz \
    usr/lib/systemd/user/vectordesk-sync.service usr/lib/systemd/user/vectordesk-sync.timer \
    usr/lib/systemd/system/vectordesk-serve.service; do
    [[ -f $contents/$path ]] || fail "the package has no /$path"
done

# The version is one everywhere: the changelog's newest entry, the metainfo's newest release.
zcat "$contents/usr/share/doc/vectordesk/changelog.Debian.gz" | head -n 1 | grep -qF "vectordesk ($version)" \
    || fail "the newest entry of packaging/debian/changelog is not version $version"
grep -qF "<release version=\"${version%-*}\"" "$contents/usr/share/metainfo/$app_id.metainfo.xml" \
    || fail "packaging/$app_id.metainfo.xml has no <release version=\"${version%-*}\">"

step "desktop-file-validate"
desktop-file-validate "$contents/usr/share/applications/$app_id.desktop" || fail "desktop-file-validate"
step "appstreamcli validate"
appstreamcli validate --no-net --pedantic --explain "$contents/usr/share/metainfo/$app_id.metainfo.xml" \
    || fail "appstreamcli validate"

# lintian: no error, and no warning except those kept on purpose (packaging/lintian-kept-warnings,
# each with its reason in docs/packaging.md).
step "lintian"
lintian_status=0
lintian --display-info "$deb" >"$work/lintian.log" 2>&1 || lintian_status=$?
cat "$work/lintian.log"
mapfile -t kept < <(sed -n 's/^\([a-z0-9][a-z0-9-]*\).*/\1/p' "$source_dir/packaging/lintian-kept-warnings")
errors=$(grep -c '^E: ' "$work/lintian.log" || true)
[[ $errors -eq 0 ]] || fail "lintian reports $errors error(s)"
while read -r tag; do
    [[ -n $tag ]] || continue
    printf '%s\n' "${kept[@]}" | grep -qx "$tag" \
        || fail "lintian warning '$tag' is not in packaging/lintian-kept-warnings; fix it or keep it there with its reason in docs/packaging.md"
done < <(sed -n 's/^W: [^:]*: \([^ ]*\).*/\1/p' "$work/lintian.log" | sort -u)
[[ $lintian_status -eq 0 ]] || fail "lintian exited $lintian_status"

# --- 3. A clean Debian 12 root, made once and kept as a tarball ---------------------------------
tarball="$cache_dir/debian-$suite-$variant-$arch.tar"
archives="$cache_dir/apt-archives-$suite-$arch"
mkdir -p "$archives/partial"
exec 9>"$cache_dir/.lock-$suite-$variant-$arch"
flock 9
if [[ ! -f $tarball ]]; then
    step "no cached root; debootstrap --variant=$variant $suite $mirror (once)"
    debootstrap --variant="$variant" --arch="$arch" "$suite" "$work/bootstrap" "$mirror" >"$work/debootstrap.log" 2>&1 \
        || { tail -n 30 "$work/debootstrap.log" >&2; fail "debootstrap failed (log above)"; }
    tar -C "$work/bootstrap" --numeric-owner -cf "$tarball.tmp" .
    mv "$tarball.tmp" "$tarball"
    rm -rf --one-file-system "$work/bootstrap"
fi
flock -u 9
step "fresh root from $tarball"
mkdir "$root"
tar -C "$root" --numeric-owner -xf "$tarball"
[[ -c $root/dev/null ]] || fail "the cached root has no /dev/null device; remove $tarball and run again"

cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb ${mirror%/debian}/debian-security $suite-security main
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
# A throwaway root: dpkg need not fsync every file it unpacks (as sbuild and pbuilder do).
echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/vectordesk-test-unsafe-io"
# No service is started inside the root.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
mount -t proc proc "$root/proc"
mount --bind "$archives" "$root/var/cache/apt/archives"
cp "$deb" "$root/tmp/"

in_root() {
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
        LANG=C.UTF-8 "$@"
}

step "apt-get update"
in_root apt-get update -q --error-on=any >"$work/apt.log" 2>&1 \
    || { cat "$work/apt.log" >&2; fail "apt-get update in the root (is $mirror reachable?)"; }
# The archives folder is shared: one run's apt-get at a time uses it.
exec 8>"$cache_dir/.lock-archives-$suite-$arch"
flock 8
step "apt-get install -y ./$(basename "$deb")"
in_root sh -c "cd /tmp && apt-get install -y -q ./$(basename "$deb")" >"$work/apt.log" 2>&1 \
    || { cat "$work/apt.log" >&2; fail "apt-get install of the package in a clean Debian 12"; }
grep -E '^(Need to get|[0-9]+ upgraded)' "$work/apt.log" || true
in_root apt-get autoclean -q >/dev/null 2>&1 || true
flock -u 8

# --- 4. vectordesk from /usr, as a user with an empty home --------------------------------------
in_root useradd --create-home --shell /bin/sh admin
run() {
    # run EXPECTED_EXIT COMMAND...: output in $work/out, the exit code checked.
    local expected=$1 status=0
    shift
    step "vectordesk $*"
    chroot --userspec=admin:admin "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/admin USER=admin \
        LANG=C.UTF-8 /usr/bin/vectordesk "$@" >"$work/out" 2>"$work/err" || status=$?
    cat "$work/out" "$work/err"
    [[ $status -eq $expected ]] || fail "vectordesk $* exited $status, expected $expected"
}
expect() {
    grep -qF -- "$1" "$work/out" || fail "the output of the last command lacks '$1'"
}

in_root sh -c '! ldd /usr/bin/vectordesk | grep "not found"' || fail "a library of /usr/bin/vectordesk is missing"

run 0 --version
expect "${version%-*}"
run 0 --help
expect "serve"
expect "--sync"

run 0 --sync --once --dry-run

# The CLI flow of docs/cli.md on the default SQLite database in the user's home: the migrations,
# the tokenizer tables and the engine all come from the installed binary. init, as a script runs
# it (no terminal), then again: it keeps what exists.
run 0 init --tenant acme --name "Acme Corp" --store handbook --yes
expect "Tenant acme (id 1): created"
run 0 init --tenant acme --store handbook --yes
expect "already there, kept"
mkdir -p "$root/home/admin/docs"
cat >"$root/home/admin/docs/flutter.md" <<'EOF'
# Wing flutter

Flutter is a self-excited oscillation of a wing in the airstream: aerodynamic forces couple with
the wing's bending and torsion modes until the motion grows without bound.
EOF
cat >"$root/home/admin/docs/boundary-layer.md" <<'EOF'
# Boundary layers

A boundary layer forms where a viscous fluid meets a surface; its thickness grows downstream.
EOF
in_root chown -R admin:admin /home/admin/docs
run 0 file attach --tenant acme --store handbook /home/admin/docs --wait
expect "2 attached"
run 0 search --tenant acme --store handbook --json "wing flutter oscillation"
expect '"filename": "flutter.md"'
run 0 --sync --once --dry-run
[[ -f $root/home/admin/.local/share/VectorDesk/vectordesk/vectordesk.sqlite ]] \
    || fail "the default database is not in the user's ~/.local/share/VectorDesk/vectordesk/"

# The package that passed is kept where `cpack` in the build tree puts it, for CI to publish.
cp "$deb" "$build_dir/"
step "done: $(basename "$deb") installs and runs in a clean Debian 12; kept as $build_dir/$(basename "$deb")"
