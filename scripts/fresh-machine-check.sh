#!/usr/bin/env bash
# Proof that Tessera sets itself up and passes CI on a fresh Debian machine: a chroot made from a pristine
# debootstrap root (bookworm, --variant=minbase), given only what the target machine has before Tessera
# (the .NET SDK, the NuGet package folder and configuration, git and ca-certificates), a clone of the
# repository with ../shared beside it, then `bash .ci/run` inside it and optionally the main job
# (`bash scripts/demo.sh /tmp/wb1-demo`). Times and logs go to WORK/proof/.
#
# Needs root (cp -a of device files, mount, chroot), and a root made beforehand with debootstrap, e.g.
#   debootstrap --variant=minbase bookworm /srv/pristine-root http://deb.debian.org/debian
# The pristine root is only read (copied with cp -a); WORK must not exist yet.
#
#   sudo bash scripts/fresh-machine-check.sh PRISTINE_ROOT WORK [--demo] [--without-libxtb] [--repo PATH_OR_URL]
#                                            [--branch B] [--shared DIR] [--keep-mounts]
#   defaults: --repo this repository, --branch its current branch, --shared ../shared beside it.
#   --without-libxtb: after CI, removes libxtb6 (Debian's xtb does not depend on it, issue 11) and requires that
#   `tessera doctor` exits 3 naming `apt-get install libxtb6`, that the demo stops at once with that hint,
#   and that setup.sh installs it again (doctor exit 0).
# Exit status: 0 when CI (and the demo, when asked) passed inside the chroot; the step that failed otherwise.
set -euo pipefail

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 2 ] || usage
pristine=$(realpath "$1"); work=$(realpath -m "$2"); shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
repo=$here; branch=""; shared=""; demo=0; keep_mounts=0; without_libxtb=0
while [ $# -gt 0 ]; do
  case "$1" in
    --demo) demo=1 ;;
    --without-libxtb) without_libxtb=1 ;;
    --repo) repo=$2; shift ;;
    --branch) branch=$2; shift ;;
    --shared) shared=$2; shift ;;
    --keep-mounts) keep_mounts=1 ;;
    *) usage ;;
  esac
  shift
done
[ -n "$branch" ] || branch=$(git -C "$repo" rev-parse --abbrev-ref HEAD)
[ -n "$shared" ] || shared=$(realpath -m "$repo/../shared")
[ "$(id -u)" -eq 0 ] || { echo "needs root (mount, chroot)" >&2; exit 2; }
[ -x "$pristine/bin/sh" ] && [ -f "$pristine/etc/debian_version" ] || { echo "$pristine is not a Debian root" >&2; exit 2; }
[ ! -e "$work" ] || { echo "$work exists; give a new folder (the pristine root is copied there)" >&2; exit 2; }
[ -d "$shared/n2p2" ] || { echo "$shared/n2p2 missing (the tests read ../shared/n2p2)" >&2; exit 2; }
dotnet_dir=$(dirname "$(readlink -f "$(command -v dotnet)")")
[ -x "$dotnet_dir/dotnet" ] || { echo "no .NET SDK on this machine to copy" >&2; exit 2; }

proof="$work/proof"
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$proof/summary.txt"; }
# Runs a command inside the chroot as root with a clean environment: only what a fresh login has, plus the
# host's DOTNET_*/NUGET_* settings (machine configuration, e.g. NUGET_CERT_REVOCATION_MODE for a machine
# that reaches only the Debian and NuGet registries). No MSBuild nodes outlive a build (they would keep the
# chroot busy).
in_root() {
  local envs=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TERM=dumb
              DEBIAN_FRONTEND=noninteractive MSBUILDDISABLENODEREUSE=1)
  while IFS= read -r kv; do envs+=("$kv"); done < <(env | grep -E '^(DOTNET_|NUGET_)' || true)
  chroot "$work" /usr/bin/env -i "${envs[@]}" /bin/bash -c "$1"
}
mounted=()
cleanup() {
  # Processes still running inside the chroot (started by this script) end before the unmounts.
  local p r
  for p in /proc/[0-9]*; do
    r=$(readlink "$p/root" 2>/dev/null) || continue
    [ "$r" = "$work" ] && kill "${p#/proc/}" 2>/dev/null || true
  done
  [ "$keep_mounts" -eq 1 ] && return
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -R "${mounted[$i]}" 2>/dev/null || umount -lR "${mounted[$i]}" || true; done
}
trap cleanup EXIT

t0=$(date +%s)
mkdir -p "$(dirname "$work")"
cp -a "$pristine" "$work"
mkdir -p "$proof"
log "copied $pristine to $work in $(( $(date +%s) - t0 )) s"

# Mounts (undone on exit).
mount -t proc proc "$work/proc"; mounted+=("$work/proc")
mount -t sysfs sys "$work/sys"; mounted+=("$work/sys")
# A real machine has its cgroup hierarchy under /sys/fs/cgroup; slurmd refuses to start without it.
[ -d /sys/fs/cgroup ] && mount --rbind /sys/fs/cgroup "$work/sys/fs/cgroup" && mount --make-rslave "$work/sys/fs/cgroup"
mount --rbind /dev "$work/dev"; mount --make-rslave "$work/dev"; mounted+=("$work/dev")
cp -L /etc/resolv.conf "$work/etc/resolv.conf"

# The base machine, before Tessera: Debian's usual update and security suites, git and ca-certificates,
# the libraries the .NET SDK needs (what its Debian package depends on: ICU, OpenSSL), the SDK itself at
# /usr/share/dotnet with /usr/bin/dotnet, /opt/nuget/packages and the user's NuGet configuration.
t=$(date +%s)
codename=$(. "$work/etc/os-release" && echo "$VERSION_CODENAME")
cat > "$work/etc/apt/sources.list" <<SOURCES
deb http://deb.debian.org/debian $codename main
deb http://deb.debian.org/debian $codename-updates main
deb http://deb.debian.org/debian-security $codename-security main
SOURCES
in_root 'apt-get update -qq && apt-get install -y -qq --no-install-recommends git ca-certificates libicu72 libssl3 >/dev/null' \
  > "$proof/base-apt.log" 2>&1 || { log "FAIL: base packages (see proof/base-apt.log)"; exit 10; }
# Certificate authorities this machine added to its trust store (e.g. an egress proxy's): the same network
# needs them, so they are machine configuration too. Debian's own bundle comes from ca-certificates above.
added=0
for pem in /usr/local/share/ca-certificates/*.crt /etc/ssl/certs/*.pem; do
  [ -f "$pem" ] && [ ! -L "$pem" ] || continue
  case "$(basename "$pem")" in ssl-cert-snakeoil.pem) continue ;; esac
  [ -e "$work/etc/ssl/certs/$(basename "$pem")" ] && continue
  mkdir -p "$work/usr/local/share/ca-certificates"
  cp "$pem" "$work/usr/local/share/ca-certificates/host-$(basename "${pem%.*}").crt"
done
added=$(find "$work/usr/local/share/ca-certificates" -name 'host-*.crt' 2>/dev/null | wc -l)
[ "$added" -eq 0 ] || in_root 'update-ca-certificates >/dev/null 2>&1' || { log "FAIL: update-ca-certificates"; exit 10; }
mkdir -p "$work/usr/share/dotnet"
cp -a "$dotnet_dir/." "$work/usr/share/dotnet/"
ln -sf /usr/share/dotnet/dotnet "$work/usr/bin/dotnet"
if [ -d /opt/nuget/packages ]; then mkdir -p "$work/opt/nuget"; cp -a /opt/nuget/packages "$work/opt/nuget/"; fi
if [ -f "$HOME/.nuget/NuGet/NuGet.Config" ]; then
  mkdir -p "$work/root/.nuget/NuGet"; cp "$HOME/.nuget/NuGet/NuGet.Config" "$work/root/.nuget/NuGet/NuGet.Config"
fi
in_root 'dotnet --version && git --version' > "$proof/base-check.log" 2>&1 || { log "FAIL: dotnet/git in the base machine"; cat "$proof/base-check.log"; exit 11; }
log "base machine ready in $(( $(date +%s) - t )) s: dotnet $(head -1 "$proof/base-check.log"), $(tail -1 "$proof/base-check.log"), $added CA(s) from the host"

# The repository (committed state of the branch only) and ../shared beside it.
mkdir -p "$work/root/work"
git clone -q --branch "$branch" "$repo" "$work/root/work/main"
cp -a "$shared" "$work/root/work/shared"
log "cloned $repo ($branch at $(git -C "$work/root/work/main" rev-parse --short HEAD)) to /root/work/main"

# CI: set-up (Debian packages, restore, build, tessera doctor) and the README's test command.
t=$(date +%s)
set +e
in_root 'cd /root/work/main && bash .ci/run' > "$proof/ci.log" 2>&1
ci=$?
set -e
ci_s=$(( $(date +%s) - t ))
summary=$(grep -E '^(Passed|Failed)!' "$proof/ci.log" | sort -u | tail -3 || true)
log "CI (.ci/run) exit $ci in $ci_s s; ${summary:-no test summary}"
grep -E '^(Installing Debian packages|Debian packages already|Set-up finished|Everything checked is there|[0-9]+ missing|CI finished)' "$proof/ci.log" | while IFS= read -r l; do log "  $l"; done || true
in_root 'tessera doctor' > "$proof/doctor.txt" 2>&1 || true
[ "$ci" -eq 0 ] || { log "FAIL: .ci/run (see proof/ci.log)"; tail -40 "$proof/ci.log"; exit 20; }

if [ "$without_libxtb" -eq 1 ]; then
  t=$(date +%s)
  in_root 'dpkg -r libxtb6' > "$proof/without-libxtb.log" 2>&1 || { log "FAIL: could not remove libxtb6"; exit 40; }
  set +e
  in_root 'tessera doctor' > "$proof/doctor-without-libxtb.txt" 2>&1; rc=$?
  in_root 'cd /root/work/main && timeout 120 bash scripts/demo.sh /tmp/demo-without-libxtb' > "$proof/demo-without-libxtb.log" 2>&1; demo_rc=$?
  set -e
  demo_s=$(( $(date +%s) - t ))
  if [ "$rc" -ne 3 ] || ! grep -q 'apt-get install libxtb6' "$proof/doctor-without-libxtb.txt" ||
     [ "$demo_rc" -eq 0 ] || ! grep -q 'apt-get install libxtb6' "$proof/demo-without-libxtb.log"; then
    log "FAIL: without libxtb6: doctor exit $rc, demo exit $demo_rc (see proof/*without-libxtb*)"; exit 41
  fi
  log "without libxtb6: doctor exit 3 naming '$(grep -o -m1 '[a-z ]*apt-get install libxtb6' "$proof/doctor-without-libxtb.txt" | sed 's/^ *//')'; demo stopped with exit $demo_rc after $demo_s s with the same hint"
  t=$(date +%s)
  in_root 'cd /root/work/main && bash scripts/setup.sh' >> "$proof/without-libxtb.log" 2>&1 || { log "FAIL: setup.sh did not repair (see proof/without-libxtb.log)"; exit 42; }
  log "setup.sh installed libxtb6 again and doctor passed in $(( $(date +%s) - t )) s"
fi

if [ "$demo" -eq 1 ]; then
  t=$(date +%s)
  set +e
  in_root 'cd /root/work/main && bash scripts/demo.sh /tmp/wb1-demo' > "$proof/demo.log" 2>&1
  rc=$?
  set -e
  log "demo (scripts/demo.sh /tmp/wb1-demo) exit $rc in $(( $(date +%s) - t )) s"
  if [ "$rc" -ne 0 ] || [ ! -s "$work/tmp/wb1-demo/report.html" ] || [ ! -s "$work/tmp/wb1-demo/evaluation.json" ]; then
    log "FAIL: demo (see proof/demo.log)"; tail -40 "$proof/demo.log"; exit 30
  fi
  ls -l "$work/tmp/wb1-demo" >> "$proof/summary.txt"
fi
log "PASS in $(( $(date +%s) - t0 )) s (logs in $proof)"
