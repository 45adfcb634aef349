#!/usr/bin/env bash
# Tessera set-up on a fresh Debian machine: every Debian package the code and the tests start or load
# (installed when dpkg does not list it as installed), NuGet restore, Release build, a `tessera` command on
# the PATH, and `tessera doctor` last: the exit status is doctor's (0: everything there, 3: something missing).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

# What each package is for (tessera doctor shows the same list with versions):
#   xtb            the xtb program (engine xtb)
#   libxtb6        libxtb.so.6, engine xtb-native (the demo, MD); Debian's xtb does not depend on it
#   libgomp1       libgomp.so.1, OpenMP thread control of xtb-native
#   psi4           the psi4 program (engine psi4)
#   python3        /usr/bin/python3: ASE interoperability tests
#   python3-ase    ASE (extxyz reader, SocketIOCalculator) for those tests
#   python3-numpy  ASE's arrays, the analysis scripts
#   chromium       renders the HTML evaluation reports in the tests
#   slurm-wlm      Slurm (slurmctld, slurmd, sbatch, squeue, scancel): the labelling-campaign tests start a one-node
#                  cluster on localhost (scripts/slurm/local-cluster.sh) and submit job arrays to it
#   munge          MUNGE, Slurm's authentication: that cluster's munged
packages=(xtb libxtb6 libgomp1 psi4 python3 python3-ase python3-numpy chromium slurm-wlm munge)
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
need=()
for p in "${packages[@]}"; do installed "$p" || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "not root and no sudo: as root, run apt-get install ${need[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  apt_log=$(mktemp)
  if ! { "${sudo_cmd[@]}" apt-get update -qq &&
         "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } >"$apt_log" 2>&1; then
    tail -20 "$apt_log" >&2; echo "apt-get failed (log: $apt_log)" >&2; exit 1
  fi
  rm -f "$apt_log"
  for p in "${need[@]}"; do installed "$p" || { echo "$p is still not installed" >&2; exit 1; }; done
else
  echo "Debian packages already installed: ${packages[*]}"
fi

echo "Restoring and building (Release)..."
dotnet restore Tessera.slnx --verbosity quiet
dotnet build Tessera.slnx -c Release --no-restore --verbosity quiet -nologo
# ReadyToRun: the CLI's code precompiled for linux-x64 (framework-dependent), so a short run does not spend
# its time in the JIT's unoptimised first tier. Its own restore fetches the crossgen2 and runtime packs.
rm -rf "$repo/.tessera/bin"
dotnet publish src/Tessera.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  --verbosity quiet -nologo -o "$repo/.tessera/bin"

# A small launcher on the PATH (root: /usr/local/bin, otherwise ~/.local/bin).
bin_dir=/usr/local/bin
[ -w "$bin_dir" ] || bin_dir="$HOME/.local/bin"
mkdir -p "$bin_dir"
cat > "$bin_dir/tessera" <<LAUNCH
#!/usr/bin/env bash
exec dotnet "$repo/.tessera/bin/Tessera.Cli.dll" "\$@"
LAUNCH
chmod +x "$bin_dir/tessera"
case ":$PATH:" in *":$bin_dir:"*) ;; *) echo "Add $bin_dir to your PATH.";; esac

echo "Checking with tessera doctor:"
"$bin_dir/tessera" doctor
echo "Ready: $bin_dir/tessera"
