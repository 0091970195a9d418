#!/usr/bin/env bash
# Regenerates .env.example and the configuration table in docs/configuration.md from config/settings-doc.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/gen-env-example.ts > .env.example
table=$(npx tsx scripts/gen-config-table.ts)
TABLE="$table" python3 - <<'PY'
import os
path = 'docs/configuration.md'
doc = open(path).read()
start = doc.index('| Variable | Group |')
# The table runs to the end of the file.
open(path, 'w').write(doc[:start] + os.environ['TABLE'] + '\n')
PY
