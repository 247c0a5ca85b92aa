#!/usr/bin/env bash
# Build the Node module, check that the committed index.d.ts is what a
# rebuild generates, type-check the TypeScript example, run the tests.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
cp index.d.ts /tmp/assetlog-index.d.ts.committed
npx napi build --platform --release
if ! cmp -s index.d.ts /tmp/assetlog-index.d.ts.committed; then
  echo "index.d.ts changed on rebuild: commit the regenerated file" >&2
  diff -u /tmp/assetlog-index.d.ts.committed index.d.ts >&2 || true
  exit 1
fi
npx tsc -p tsconfig.json
node --test
