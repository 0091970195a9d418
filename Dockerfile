# syntax=docker/dockerfile:1
# Build stage: install everything, compile TypeScript. Node 24 is the active LTS (until 2028-04).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY config ./config
COPY src ./src
RUN npx tsc -p tsconfig.build.json
# The country index snapshot, so the worker starts in milliseconds instead of ~0.3 s. Its key covers
# Node/ICU/CLDR versions and the compiled index code: the runtime stage is the same base image and
# copies the same dist, so the key matches; if it ever did not, the worker would just build live.
# Never fatal: without a snapshot the worker builds the index at start-up.
RUN mkdir -p node_modules/.cache/crm-sequence-sync && node -e "const p = require('./dist/src/mappers/country-snapshot').prepareCountryIndex('node_modules/.cache/crm-sequence-sync'); console.log(p.file ? 'country index snapshot ' + p.file : 'no country index snapshot', p.problems)"

# Runtime stage: production dependencies and the compiled code only, as a non-root user.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
# A heap budget: the worker streams, so its live set stays ~100 MB whatever the company count; without
# a limit V8 lets garbage pile up to ~300 MB on a busy backfill. Raise it for very high concurrency.
# The young generation is held to 16 MB semi-spaces (Node 20's default): Node 24 grows it to ~134 MB
# on a backfill, 90 MB more resident memory for no throughput (docs/performance.md).
ENV NODE_OPTIONS="--max-old-space-size=256 --max-semi-space-size=16"
# glibc gives each of Node's threads a malloc arena of its own; two keep the worker's native memory
# from fragmenting across them (peak RSS at 100,000 companies 240-254 MB → 220 MB, same throughput).
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
COPY package.json package-lock.json ./
# The CLDR and ISO 3166-3 packages the country index's generated table comes from (135 MB) are
# devDependencies: the table itself is compiled into dist (src/mappers/country-generated-names.ts).
# world-countries ships 21 MB of maps (data/: GeoJSON, TopoJSON, SVG) and other formats (dist/) that
# the service never reads: the index reads countries.json only. Its LICENSE (ODbL-1.0) stays.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force \
  && rm -rf node_modules/world-countries/data node_modules/world-countries/dist
COPY --from=build /app/dist ./dist
COPY --from=build /app/node_modules/.cache/crm-sequence-sync ./node_modules/.cache/crm-sequence-sync
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["worker"]
