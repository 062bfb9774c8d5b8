#!/bin/sh
# Runs one of Handoff's apps by name; `exec` so the app gets SIGTERM directly and shuts down
# gracefully (appends in flight finish, embedded servers stop).
set -eu
# V8 young-generation sizing for the serving processes: libs/shared/src/process/v8-heap-tuning.ts
heap="--max-semi-space-size=32"
app="${1:-all-in-one}"
[ "$#" -gt 0 ] && shift
case "$app" in
  all-in-one) exec node "$heap" dist/src/main.js "$@" ;;
  api)        exec node "$heap" dist/apps/api/src/main.js "$@" ;;
  projector)  exec node "$heap" dist/apps/projector/src/main.js "$@" ;;
  cli)        exec node dist/apps/cli/src/main.js "$@" ;;
  *)
    echo "usage: handoff all-in-one | api | projector | cli <args>" >&2
    exit 2
    ;;
esac
