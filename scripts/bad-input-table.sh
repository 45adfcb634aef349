#!/usr/bin/env bash
# The bad-input corpus table: runs every case in tests/Tessera.Tests/BadInput through the real CLI and counts,
# per command, the cases tried, the clear errors (non-zero exit, a short message naming the file, line or
# option), the stack traces and the cases that lost or corrupted data. Needs a Release build (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
TESSERA_CORPUS_LOG="$log" dotnet test tests/Tessera.Tests -c Release --no-build --verbosity quiet -nologo \
  --filter "FullyQualifiedName~Tessera.Tests.BadInput" --logger "console;verbosity=minimal" >/dev/null || true
echo "| command | cases | clear errors | stack traces | data lost |"
echo "|---|---|---|---|---|"
sort "$log" | awk -F'\t' '{ n[$1]++; c[$1]+=$3; s[$1]+=$4; l[$1]+=$5; N++; C+=$3; S+=$4; L+=$5 }
  END { for (k in n) printf "| %s | %d | %d | %d | %d |\n", k, n[k], c[k], s[k], l[k] | "sort";
        close("sort"); printf "| **all** | %d | %d | %d | %d |\n", N, C, S, L }'
