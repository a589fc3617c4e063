#!/usr/bin/env bash
# `npm test`'s build: skipped when the last `npm run build` is newer than every source file. CI builds
# first and starts the PostgreSQL run on that build; a second build would empty client/dist under it.
set -euo pipefail
cd "$(dirname "$0")/../.."
stamp=server/dist/.built # written by server/build.ts, the build's last step
if [ -f "$stamp" ] && [ -f client/dist/index.html ]; then
  changed=$(find client server shared package.json package-lock.json tsconfig.base.json \
    \( -name node_modules -o -name dist \) -prune -o -type f -newer "$stamp" -print -quit)
  if [ -z "$changed" ]; then
    echo "build: up to date (nothing changed since server/dist/.built)"
    exit 0
  fi
fi
npm run build
