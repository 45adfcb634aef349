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
#   gcc libc6-dev  set-up only (not in doctor): the C compiler and linker (with binutils) and C library that link the
#                  NativeAOT tessera program; .NET's ILCompiler uses gcc when there is no clang, and brings its own zlib
packages=(xtb libxtb6 libgomp1 psi4 python3 python3-ase python3-numpy chromium slurm-wlm munge gcc libc6-dev)
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
# NativeAOT (PublishAot in the CLI's project): one native program, no .NET runtime to start and nothing to JIT, so
# whole processes are short: tessera --version 0.01 s instead of ReadyToRun's 0.07 s, a one-structure predict with
# n2p2's Cu2S potential (144 atoms) 0.09 s instead of 0.30 s (n2p2's nnp-predict: 0.12 s). Per structure it is as
# fast as ReadyToRun (1080-atom water box: 0.41 vs 0.41 s, 0.37 vs 0.38 s in two runs; no tiered JIT needed here).
# Instruction set x86-64-v3 (AVX2 and FMA: every x86 server CPU since 2013-2015): with the portable default (SSE2) the
# networks' vector code runs at half width, and training was 22% slower than ReadyToRun (a 40-epoch fragment fit: 8.6 s
# against 7.5 s; x86-64-v3: 7.1 s), which made the main job 13 minutes. A CPU without AVX2 refuses the program at start;
# there, TESSERA_ISA=x86-64 (portable) or TESSERA_PUBLISH=readytorun. Not 'native': label submit puts the program in
# Slurm job scripts that may run on other nodes. Its own restore fetches the ILCompiler packages; about 2 minutes on 2 cores.
# TESSERA_PUBLISH=readytorun publishes the former framework-dependent ReadyToRun build instead (run with dotnet).
rm -rf "$repo/.tessera/bin"
case "${TESSERA_PUBLISH:-aot}" in
  aot)
    dotnet publish src/Tessera.Cli -c Release -r linux-x64 -p:IlcInstructionSet="${TESSERA_ISA:-x86-64-v3}" --verbosity quiet -nologo \
      -o "$repo/.tessera/bin"
    cli=("$repo/.tessera/bin/Tessera.Cli");;
  readytorun)
    dotnet publish src/Tessera.Cli -c Release -r linux-x64 --self-contained false -p:PublishAot=false \
      -p:PublishReadyToRun=true --verbosity quiet -nologo -o "$repo/.tessera/bin"
    cli=(dotnet "$repo/.tessera/bin/Tessera.Cli.dll");;
  *) echo "TESSERA_PUBLISH must be aot or readytorun" >&2; exit 1;;
esac

# A small launcher on the PATH (root: /usr/local/bin, otherwise ~/.local/bin).
bin_dir=/usr/local/bin
[ -w "$bin_dir" ] || bin_dir="$HOME/.local/bin"
mkdir -p "$bin_dir"
cat > "$bin_dir/tessera" <<LAUNCH
#!/usr/bin/env bash
exec ${cli[*]@Q} "\$@"
LAUNCH
chmod +x "$bin_dir/tessera"
case ":$PATH:" in *":$bin_dir:"*) ;; *) echo "Add $bin_dir to your PATH.";; esac

echo "Checking with tessera doctor:"
"$bin_dir/tessera" doctor
echo "Ready: $bin_dir/tessera"
