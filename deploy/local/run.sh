#!/usr/bin/env bash
# The compose topology on one machine without containers: PostgreSQL from Debian's binaries, one web node,
# one CPU worker and (GOVERNANCE_GPU_WORKER=1) one GPU worker, all on 127.0.0.1, state in one folder.
#
#   deploy/local/run.sh start | status | stop | stop-worker [ROLE] | kill-worker [ROLE] | restart-worker [ROLE]
#
# ROLE is worker (default) or gpu-worker. Settings (environment variables; see deploy/README.md, "Without containers"):
#   GOVERNANCE_STATE_DIR   state folder (default deploy/local/state): pg/, logs/, run/, artifacts/, keys/, work/
#   GOVERNANCE_APP_DIR     folder holding Governance.Web.dll (default: STATE/app, published on first start)
#   GOVERNANCE_WEB_PORT    web node's port (default 8080); workers and PostgreSQL get free ports, kept in STATE/ports.env
#   GOVERNANCE_PG_PORT     PostgreSQL's port (default: a free one)
#   GOVERNANCE_PG_BIN      PostgreSQL's bin folder (default: newest /usr/lib/postgresql/*/bin)
#   GOVERNANCE_GPU_WORKER  1: also start a gpu-worker
# Every other variable of the README's table (Governance__Admin__Password, Loop__..., Scheduler__...) is passed
# through to the three processes as it is.
set -euo pipefail

readonly ROLES_ALL=(web worker gpu-worker)
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
state="${GOVERNANCE_STATE_DIR:-$script_dir/state}"
mkdir -p "$state"
state="$(cd "$state" && pwd)"
# pg_ctl's server options and the unix socket path do not survive blanks.
[[ "$state" != *[[:space:]]* ]] || { echo "run.sh: the state folder '$state' contains a blank; set GOVERNANCE_STATE_DIR to a path without one." >&2; exit 1; }
pg_dir="$state/pg"
logs="$state/logs"
run_dir="$state/run"

die() { echo "run.sh: $*" >&2; exit 1; }
say() { echo "run.sh: $*"; }

# --- PostgreSQL -------------------------------------------------------------------------------------------

pg_bin() {
    if [[ -n "${GOVERNANCE_PG_BIN:-}" ]]; then
        [[ -x "$GOVERNANCE_PG_BIN/initdb" && -x "$GOVERNANCE_PG_BIN/pg_ctl" ]] || die "GOVERNANCE_PG_BIN=$GOVERNANCE_PG_BIN has no initdb and pg_ctl."
        echo "$GOVERNANCE_PG_BIN"; return
    fi
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/psql" ]]; then echo "$dir"; return; fi
    done
    die "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin: install Debian's 'postgresql' package (apt-get install postgresql), or set GOVERNANCE_PG_BIN."
}

# PostgreSQL refuses to run as root: then its commands run as the 'postgres' user the Debian package creates.
as_pg() {
    if [[ "$(id -u)" == 0 ]]; then
        command -v runuser >/dev/null || die "runuser not found: install Debian's 'util-linux' package."
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    local port
    for port in $(shuf -i 20000-60999 -n 200); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    die "no free TCP port found on 127.0.0.1."
}

# Ports are chosen once and kept, so a restarted process comes back where it was.
load_ports() {
    if [[ ! -f "$state/ports.env" ]]; then
        {
            echo "PG_PORT=${GOVERNANCE_PG_PORT:-$(free_port)}"
            echo "WEB_PORT=${GOVERNANCE_WEB_PORT:-8080}"
            echo "WORKER_PORT=$(free_port)"
            echo "GPU_WORKER_PORT=$(free_port)"
        } >"$state/ports.env"
    fi
    # shellcheck source=/dev/null
    source "$state/ports.env"
}

pg_running() { [[ -f "$pg_dir/data/postmaster.pid" ]] && as_pg "$(pg_bin)/pg_ctl" -D "$pg_dir/data" status >/dev/null 2>&1; }

pg_start() {
    local bin; bin="$(pg_bin)"
    mkdir -p "$pg_dir" "$logs"
    if [[ "$(id -u)" == 0 ]]; then
        getent passwd postgres >/dev/null || die "no 'postgres' user: install Debian's 'postgresql' package (it creates the user)."
        chown postgres: "$pg_dir"
        touch "$logs/postgres.log" && chown postgres: "$logs/postgres.log"
        as_pg test -w "$pg_dir" || die "the 'postgres' user cannot write $pg_dir: put GOVERNANCE_STATE_DIR where every parent folder is searchable by others (for example under /var/tmp), not under /root."
    fi
    if [[ ! -f "$pg_dir/data/PG_VERSION" ]]; then
        say "initialising PostgreSQL in $pg_dir/data"
        umask 077
        head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$pg_dir/superuser.password"
        head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$state/db.password"
        if [[ "$(id -u)" == 0 ]]; then chown postgres: "$pg_dir/superuser.password"; fi
        as_pg "$bin/initdb" -D "$pg_dir/data" -U postgres --pwfile="$pg_dir/superuser.password" -A scram-sha-256 -E UTF8 --no-locale >"$logs/initdb.log" 2>&1 \
            || die "initdb failed; see $logs/initdb.log"
        umask 022
    fi
    if pg_running; then
        say "PostgreSQL already running on port $PG_PORT"
    else
        as_pg "$bin/pg_ctl" -D "$pg_dir/data" -l "$logs/postgres.log" -w -t 60 \
            -o "-p $PG_PORT -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null \
            || die "PostgreSQL did not start; see $logs/postgres.log"
        say "PostgreSQL started on 127.0.0.1:$PG_PORT"
    fi
    # The application's own role and database, created once (statements on stdin: no password in any argv).
    if [[ "$(echo "SELECT 1 FROM pg_roles WHERE rolname = 'governance'" | pg_sql)" != 1 ]]; then
        echo "CREATE ROLE governance LOGIN PASSWORD '$(cat "$state/db.password")'" | pg_sql >/dev/null
    fi
    if [[ "$(echo "SELECT 1 FROM pg_database WHERE datname = 'governance'" | pg_sql)" != 1 ]]; then
        echo "CREATE DATABASE governance OWNER governance TEMPLATE template0 ENCODING 'UTF8'" | pg_sql >/dev/null
        say "created database 'governance' owned by role 'governance'"
    fi
}

# psql as the superuser, statements on stdin.
pg_sql() {
    PGPASSWORD="$(cat "$pg_dir/superuser.password")" "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
        -v ON_ERROR_STOP=1 -qtA -f - || die "psql failed on 127.0.0.1:$PG_PORT; see $logs/postgres.log"
}

pg_stop() {
    if pg_running; then
        as_pg "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m fast -w -t 60 stop >/dev/null || die "PostgreSQL did not stop; see $logs/postgres.log"
        say "PostgreSQL stopped"
    fi
}

# --- application processes --------------------------------------------------------------------------------

app_dir() {
    local dir="${GOVERNANCE_APP_DIR:-$state/app}"
    if [[ ! -f "$dir/Governance.Web.dll" ]]; then
        [[ -z "${GOVERNANCE_APP_DIR:-}" ]] || die "GOVERNANCE_APP_DIR=$dir has no Governance.Web.dll."
        command -v dotnet >/dev/null || die "dotnet not found: install the .NET 10 SDK (Debian: packages.microsoft.com 'dotnet-sdk-10.0')."
        say "publishing src/Governance.Web to $dir (once)" >&2
        dotnet publish "$repo_root/src/Governance.Web" -c Release -o "$dir" --nologo -v quiet >&2 || die "dotnet publish failed."
    fi
    echo "$dir"
}

pid_of() { cat "$run_dir/$1.pid" 2>/dev/null || true; }

# Alive and really our app (a pid file may outlive its process and the number be reused).
is_running() {
    local pid; pid="$(pid_of "$1")"
    [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "Governance.Web.dll"
}

port_of() {
    case "$1" in web) echo "$WEB_PORT" ;; worker) echo "$WORKER_PORT" ;; gpu-worker) echo "$GPU_WORKER_PORT" ;; esac
}

# HTTP status of GET 127.0.0.1:PORT/PATH without curl (bash's /dev/tcp); empty when nothing answers.
http_status() {
    local line
    { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 0
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
    IFS=' ' read -r -t 10 _ line _ <&3 || true
    exec 3<&- 3>&-
    echo "$line"
}

wait_ready() {
    local role="$1" port; port="$(port_of "$1")"
    local deadline=$((SECONDS + ${GOVERNANCE_START_TIMEOUT:-180}))
    while ((SECONDS < deadline)); do
        is_running "$role" || die "$role exited while starting (exit code $(cat "$run_dir/$role.exit" 2>/dev/null || echo '?')); see $logs/$role.log"
        [[ "$(http_status "$port" /health/ready)" == 200 ]] && return 0
        sleep 0.5
    done
    die "$role did not become ready on 127.0.0.1:$port/health/ready; see $logs/$role.log"
}

# Starts the role's process unless it runs; returns 1 when it was running already. (Called as a condition, so
# set -e is off in here: failures end in die.)
launch_app() {
    local role="$1" dir name port
    if is_running "$role"; then say "$role already running (pid $(pid_of "$role"))"; return 1; fi
    dir="$(app_dir)" || exit 1
    port="$(port_of "$role")"
    name="$role-1"
    mkdir -p "$logs" "$run_dir" "$state/artifacts" "$state/keys" "$state/work" || die "cannot create folders under $state."
    rm -f "$run_dir/$role.pid" "$run_dir/$role.exit"
    echo "--- $(date -u +%FT%TZ) start $role" >>"$logs/$role.log"
    # A small wrapper in its own session keeps the app's pid and, when it ends, its exit code.
    (
        cd "$dir" || exit 1
        export Database__Provider=Postgres
        export ConnectionStrings__Governance="Host=127.0.0.1;Port=$PG_PORT;Database=governance;Username=governance;Password=$(cat "$state/db.password")"
        export Artifacts__Root="$state/artifacts" Governance__DataProtection__KeysPath="$state/keys" Loop__WorkDirectory="$state/work"
        export Node__Roles="$role" Node__Name="$name" ASPNETCORE_URLS="http://127.0.0.1:$port"
        export DOTNET_NOLOGO=1
        exec setsid bash -c 'dotnet Governance.Web.dll </dev/null >>"$1" 2>&1 & echo $! >"$2"; wait $!; echo $? >"$3"' \
            run-app "$logs/$role.log" "$run_dir/$role.pid" "$run_dir/$role.exit" </dev/null >/dev/null 2>&1
    ) &
    local i
    for i in $(seq 1 50); do [[ -s "$run_dir/$role.pid" ]] && break; sleep 0.1; done
    [[ -s "$run_dir/$role.pid" ]] || die "$role did not start; see $logs/$role.log"
}

await_app() {
    wait_ready "$1"
    say "$1 ready on http://127.0.0.1:$(port_of "$1") (pid $(pid_of "$1"), log $logs/$1.log)"
}

start_app() {
    if launch_app "$1"; then await_app "$1"; fi
}

# SIGTERM, then wait for the graceful shutdown (Node__ShutdownTimeoutSeconds plus a margin). Returns 1 when the
# process had to be killed or did not exit with 0.
stop_app() {
    local role="$1" pid
    if ! is_running "$role"; then rm -f "$run_dir/$role.pid"; return 0; fi
    pid="$(pid_of "$role")"
    kill -TERM "$pid"
    local deadline=$((SECONDS + ${Node__ShutdownTimeoutSeconds:-30} + 15))
    while is_running "$role" && ((SECONDS < deadline)); do sleep 0.2; done
    if is_running "$role"; then
        kill -KILL "$pid" 2>/dev/null || true
        say "$role (pid $pid) did not stop within its shutdown timeout: killed"
        return 1
    fi
    local i code
    for i in $(seq 1 50); do [[ -s "$run_dir/$role.exit" ]] && break; sleep 0.1; done
    code="$(cat "$run_dir/$role.exit" 2>/dev/null || echo '?')"
    rm -f "$run_dir/$role.pid"
    if [[ "$code" != 0 ]]; then say "$role (pid $pid) stopped with exit code $code; see $logs/$role.log"; return 1; fi
    say "$role (pid $pid) stopped gracefully"
}

kill_app() {
    local role="$1" pid
    is_running "$role" || die "$role is not running."
    pid="$(pid_of "$role")"
    kill -KILL "$pid"
    # The wrapper writes the exit code once it has reaped the process: then it is really gone.
    local i
    for i in $(seq 1 100); do [[ -s "$run_dir/$role.exit" ]] && break; sleep 0.1; done
    rm -f "$run_dir/$role.pid"
    say "$role (pid $pid) killed (SIGKILL)"
}

worker_role() {
    case "${1:-worker}" in
        worker | gpu-worker) echo "${1:-worker}" ;;
        *) die "unknown worker role '$1': use worker or gpu-worker." ;;
    esac
}

wanted_roles() {
    echo web worker
    if [[ "${GOVERNANCE_GPU_WORKER:-0}" == 1 || -f "$run_dir/gpu-worker.wanted" ]]; then echo gpu-worker; fi
}

# --- commands ---------------------------------------------------------------------------------------------

cmd_start() {
    load_ports
    app_dir >/dev/null   # fail (or publish) before anything starts
    pg_start
    mkdir -p "$run_dir"
    if [[ "${GOVERNANCE_GPU_WORKER:-0}" == 1 ]]; then touch "$run_dir/gpu-worker.wanted"; fi
    local role launched=()
    # All at once: every node migrates at start and the migrator serialises them (an advisory lock), and
    # only one of them creates the first admin.
    for role in $(wanted_roles); do
        if launch_app "$role"; then launched+=("$role"); fi
    done
    for role in "${launched[@]}"; do await_app "$role"; done
    say "portal: http://127.0.0.1:$WEB_PORT (state: $state)"
}

cmd_status() {
    load_ports
    local ok=0 role
    if pg_running; then echo "postgres    running  127.0.0.1:$PG_PORT"; else echo "postgres    stopped"; ok=3; fi
    for role in $(wanted_roles); do
        if is_running "$role"; then
            printf '%-11s running  127.0.0.1:%s pid %s ready=%s\n' "$role" "$(port_of "$role")" "$(pid_of "$role")" \
                "$([[ "$(http_status "$(port_of "$role")" /health/ready)" == 200 ]] && echo yes || echo no)"
        else
            printf '%-11s stopped  last exit code %s\n' "$role" "$(cat "$run_dir/$role.exit" 2>/dev/null || echo '-')"
            ok=3
        fi
    done
    return $ok
}

cmd_stop() {
    load_ports
    local failed=0 role
    # Workers first, so they hand their runs back while the database is still there.
    for role in gpu-worker worker web; do stop_app "$role" || failed=1; done
    rm -f "$run_dir/gpu-worker.wanted"
    pg_stop
    return $failed
}

main() {
    local command="${1:-}" role=""
    shift || true
    if [[ "$command" == *-worker ]]; then role="$(worker_role "${1:-}")"; fi
    case "$command" in
        start) cmd_start ;;
        status) cmd_status ;;
        stop) cmd_stop ;;
        stop-worker) load_ports; stop_app "$role" ;;
        kill-worker) load_ports; kill_app "$role" ;;
        restart-worker)
            load_ports
            stop_app "$role" || true
            pg_running || die "PostgreSQL is not running: use start."
            start_app "$role"
            ;;
        *)
            sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            [[ -z "$command" || "$command" == help || "$command" == -h || "$command" == --help ]] || die "unknown command '$command'."
            ;;
    esac
}

main "$@"
