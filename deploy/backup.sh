#!/bin/sh
# Backs up the database and the artifact store of the configured Governance installation into a new
# timestamped folder under DIR (default ./backups), with a SHA-256 manifest.
# Configuration comes from the usual environment variables (Database__Provider,
# ConnectionStrings__Governance, Artifacts__Root); see deploy/README.md.
#   deploy/backup.sh /var/backups/governance
# GOVERNANCE_CMD overrides how the host is started (default: `dotnet Governance.Web.dll` in the image,
# `dotnet run --project src/Governance.Web --` in a checkout).
set -eu
dir="${1:-./backups}"
mkdir -p "$dir"
if [ -n "${GOVERNANCE_CMD:-}" ]; then cmd="$GOVERNANCE_CMD"
elif [ -f /app/Governance.Web.dll ]; then cmd="dotnet /app/Governance.Web.dll"
else cmd="dotnet run --project $(dirname "$0")/../src/Governance.Web --"
fi
# shellcheck disable=SC2086
exec $cmd backup "--Backup:To=$dir"
