# shellcheck shell=bash
# Sourced by .ci/run (and usable by hand: `source .ci/postgres.sh`): starts a throw-away PostgreSQL
# server on 127.0.0.1 for the tests and exports GERA_TEST_POSTGRES_URL. Installs the Debian packages when
# the server binaries are missing. Works as root (the server then runs as user `postgres`) and as a
# normal user. The server is stopped when the shell that sourced this file exits, unless that shell
# already has an EXIT trap; `gera_pg_stop` stops it by hand.

gera_pg_bindir() {
    local initdb
    initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
    [ -n "$initdb" ] && dirname "$initdb"
}

gera_pg_install() {
    echo "postgres.sh: installing PostgreSQL from the Debian packages" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql </dev/null
}

# Runs a command as the server's owner: `postgres` when we are root (root may not run the server).
gera_pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

gera_pg_free_port() {
    local port
    for port in $(seq 54329 54399); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    echo "postgres.sh: no free port between 54329 and 54399" >&2
    return 1
}

gera_pg_start() {
    local bindir datadir port
    bindir=$(gera_pg_bindir) || { gera_pg_install && bindir=$(gera_pg_bindir); } || return 1
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres || return 1
    fi
    datadir=$(mktemp -d "${TMPDIR:-/tmp}/gera-postgres.XXXXXX") || return 1
    [ "$(id -u)" = 0 ] && chown postgres: "$datadir"
    gera_pg_as_owner "$bindir/initdb" --pgdata="$datadir/data" --username=postgres --auth=trust \
        --encoding=UTF8 --no-locale >"$datadir/initdb.log" 2>&1 ||
        { cat "$datadir/initdb.log" >&2; return 1; }
    port=$(gera_pg_free_port) || return 1
    gera_pg_as_owner "$bindir/pg_ctl" --pgdata="$datadir/data" --log="$datadir/data/server.log" --wait \
        --options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$datadir/data -c fsync=off" \
        start >/dev/null || { cat "$datadir/data/server.log" >&2; return 1; }
    gera_pg_wait "$bindir" "$port" || return 1
    GERA_PG_BINDIR=$bindir
    GERA_PG_DATADIR=$datadir
    export GERA_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    echo "postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
}

gera_pg_wait() {
    local attempt
    for attempt in $(seq 1 60); do
        "$1/pg_isready" --quiet --host=127.0.0.1 --port="$2" --username=postgres && return 0
        sleep 0.5
    done
    echo "postgres.sh: the server on port $2 did not become ready (attempts: $attempt)" >&2
    return 1
}

gera_pg_stop() {
    if [ -n "${GERA_PG_DATADIR:-}" ]; then
        gera_pg_as_owner "$GERA_PG_BINDIR/pg_ctl" --pgdata="$GERA_PG_DATADIR/data" --mode=fast stop \
            >/dev/null 2>&1 || true
        rm -rf "$GERA_PG_DATADIR"
        GERA_PG_DATADIR=
    fi
}

gera_pg_start || { echo "postgres.sh: could not start PostgreSQL" >&2; false; }
if [ -z "$(trap -p EXIT)" ]; then
    trap gera_pg_stop EXIT
fi
