#!/usr/bin/env bash
# The test command: every test, in Release, with a summary per test class on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test Tessera.slnx -c Release --verbosity quiet -nologo --logger "console;verbosity=minimal" "$@"
