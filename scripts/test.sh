#!/usr/bin/env bash
# The test command: every test, in Release, with a summary per test class on failure. Then, when scripts/setup.sh has
# published the native program (.tessera/bin/Tessera.Cli, what the launcher runs), the tests that start the CLI as a
# process run once more against that program, so the shipped binary is tested and not only the JIT build. Arguments
# (e.g. --filter ...) go to the first run and skip the second.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test Tessera.slnx -c Release --verbosity quiet -nologo --logger "console;verbosity=minimal" "$@"
native=$(pwd)/.tessera/bin/Tessera.Cli
if [ $# -eq 0 ] && [ -x "$native" ]; then
  echo "Tests that start the CLI as a process, against the published program $native:"
  TESSERA_TEST_CLI=$native dotnet test Tessera.slnx -c Release --no-build --verbosity quiet -nologo --logger "console;verbosity=minimal" \
    --filter "FullyQualifiedName~Tessera.Tests.BadInput|FullyQualifiedName~Tessera.Tests.Cli|FullyQualifiedName~Tessera.Tests.Cluster|FullyQualifiedName~Tessera.Tests.Interop|FullyQualifiedName~Tessera.Tests.Data.PipelineCommandTests"
fi
