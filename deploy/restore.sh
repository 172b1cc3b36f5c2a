#!/bin/sh
# Restores a backup folder (made by backup.sh) into the configured database and artifact root, which
# must both be empty: create a fresh database first (PostgreSQL: `createdb`), point
# ConnectionStrings__Governance and Artifacts__Root at it, then run
#   deploy/restore.sh /var/backups/governance/governance-backup-20260101T023000Z
# The command checks the backup against its manifest before changing anything, then verifies the
# audit chain and re-hashes every artifact. Exit 0: restored and intact; 2: restored but a check
# failed; 1: could not restore (message says why).
set -eu
[ $# -eq 1 ] || { echo "usage: $0 BACKUP_FOLDER" >&2; exit 1; }
if [ -n "${GOVERNANCE_CMD:-}" ]; then cmd="$GOVERNANCE_CMD"
elif [ -f /app/Governance.Web.dll ]; then cmd="dotnet /app/Governance.Web.dll"
else cmd="dotnet run --project $(dirname "$0")/../src/Governance.Web --"
fi
# shellcheck disable=SC2086
exec $cmd restore "--Backup:From=$1"
