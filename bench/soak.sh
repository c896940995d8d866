#!/usr/bin/env bash
# Soak test: a minute (or SECONDS_ARG) of mixed reads and updates at high concurrency against a server
# process on 127.0.0.1. Exits non-zero on any error, lost update or memory growth.
# Usage: bench/soak.sh [seconds=60]
#   CONFIGURATION=Release (default) builds and runs the Release server; CONFIGURATION=Debug SOAK_NO_BUILD=1
#   reuses what `dotnet test` built (as .ci/run does). CONCURRENCY=32 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
configuration=${CONFIGURATION:-Release}
if [ "${SOAK_NO_BUILD:-0}" != 1 ]; then
  dotnet build -c "$configuration" --nologo -v q src/Summit.Graph/Summit.Graph.csproj
  dotnet build -c "$configuration" --nologo -v q bench/Summit.Graph.Soak/Summit.Graph.Soak.csproj
fi
exec dotnet "bench/Summit.Graph.Soak/bin/$configuration/net10.0/Summit.Graph.Soak.dll" \
  --server "src/Summit.Graph/bin/$configuration/net10.0/Summit.Graph.dll" \
  --seconds "$seconds" --concurrency "${CONCURRENCY:-32}"
