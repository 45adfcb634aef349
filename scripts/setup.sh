#!/usr/bin/env bash
# Tessera set-up on a fresh Debian machine: quantum engines, ASE and Chromium from Debian packages (when
# missing), NuGet restore, Release build, and a `tessera` command on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

need=()
command -v xtb >/dev/null 2>&1 || need+=(xtb)
command -v psi4 >/dev/null 2>&1 || need+=(psi4)
/usr/bin/python3 -c "import ase" >/dev/null 2>&1 || need+=(python3-ase)
[ -x /usr/bin/chromium ] || need+=(chromium)   # renders the HTML evaluation reports in the tests
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "Restoring and building (Release)..."
dotnet restore Tessera.slnx --verbosity quiet
dotnet build Tessera.slnx -c Release --no-restore --verbosity quiet -nologo
dotnet publish src/Tessera.Cli -c Release --no-restore --verbosity quiet -nologo -o "$repo/.tessera/bin"

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
echo "Ready: $(command -v tessera || echo "$bin_dir/tessera") ($(xtb --version 2>/dev/null | grep -m1 -o 'version [0-9.]*' || echo 'xtb ?'), psi4 $(psi4 --version 2>/dev/null || echo '?'))"
