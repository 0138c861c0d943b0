# Sourced by .ci/run: installs Debian's postgresql when missing, starts a throwaway server on
# 127.0.0.1 in a temporary folder, stops it on exit, and exports its URL for the tests.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
fi
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_PORT=${PG_PORT:-54329}
PG_DIR=$(mktemp -d /tmp/newsgraph-ci-pg.XXXXXX)
# initdb refuses to run as root: the server runs as Debian's postgres user.
if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_DIR"
    AS_PG="su postgres -s /bin/sh -c"
else
    AS_PG="sh -c"
fi
$AS_PG "$PG_BIN/initdb -D $PG_DIR/data -A trust -U newsgraph -E UTF8 --no-locale >$PG_DIR/initdb.log"
$AS_PG "$PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/server.log -w \
    -o '-h 127.0.0.1 -p $PG_PORT -k $PG_DIR' start >/dev/null"
trap '$AS_PG "$PG_BIN/pg_ctl -D $PG_DIR/data -m fast stop" >/dev/null 2>&1; rm -rf "$PG_DIR"' EXIT
export NEWSGRAPH_TEST_POSTGRES="postgresql://newsgraph@127.0.0.1:$PG_PORT/postgres"
export NEWSGRAPH_REQUIRE_POSTGRES=1
