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
# The package as users get it: `npm pack`, installed from the tarball into
# a fresh project, where the quickstart runs and the typed example checks.
pack=$(mktemp -d)
proj=$(mktemp -d)
trap 'rm -rf "$pack" "$proj"' EXIT
npm pack --silent --pack-destination "$pack" > /dev/null
tsc="$PWD/node_modules/typescript/bin/tsc"
cp examples/quickstart.mjs "$proj/"
sed "s#from '\.\.'#from 'assetlog'#" examples/typed.ts > "$proj/typed.ts"
(
  cd "$proj"
  npm init -y > /dev/null
  npm install --no-audit --no-fund --loglevel=error "$pack"/assetlog-*.tgz
  out=$(node quickstart.mjs)
  grep -q "LAP-0042 assigned emp-1042" <<< "$out" || { echo "quickstart from the tarball: $out" >&2; exit 1; }
  printf '{"compilerOptions":{"target":"ES2020","module":"commonjs","strict":true,"noEmit":true,"types":[]},"files":["typed.ts"]}\n' > tsconfig.json
  node "$tsc" -p tsconfig.json
)
echo "the npm tarball installs, runs the quickstart and type-checks"
