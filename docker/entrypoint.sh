#!/bin/sh
# Runs one of Handoff's apps by name; `exec` so the app gets SIGTERM directly and shuts down
# gracefully (appends in flight finish, embedded servers stop).
set -eu
app="${1:-all-in-one}"
[ "$#" -gt 0 ] && shift
case "$app" in
  all-in-one) exec node dist/src/main.js "$@" ;;
  api)        exec node dist/apps/api/src/main.js "$@" ;;
  projector)  exec node dist/apps/projector/src/main.js "$@" ;;
  cli)        exec node dist/apps/cli/src/main.js "$@" ;;
  *)
    echo "usage: handoff all-in-one | api | projector | cli <args>" >&2
    exit 2
    ;;
esac
