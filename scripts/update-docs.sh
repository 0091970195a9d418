#!/usr/bin/env bash
# Regenerates .env.example and README's configuration table from config/settings-doc.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/gen-env-example.ts > .env.example
table=$(npx tsx scripts/gen-config-table.ts)
TABLE="$table" python3 - <<'PY'
import os
readme = open('README.md').read()
start = readme.index('| Variable | Group |')
end = readme.index('## Pointing it at')
open('README.md', 'w').write(readme[:start] + os.environ['TABLE'] + '\n\n' + readme[end:])
PY
