# The headless `mmm` CLI in a container, built from this repository with `npm ci`: one image that
# runs `mmm fit` or `mmm batch` with no network at run time (every wasm binary and script it needs
# is inside). Inputs and outputs are mounted at /data; see docs/batch.md.
#
#   docker build -t mmm-workbench-cli .
#   docker run --rm --network none -v "$PWD/data:/data" mmm-workbench-cli \
#     batch /data/markets.json --out /data/out

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so a source change reuses this layer. --ignore-scripts: nothing is
# downloaded by install scripts (Electron's binary is for the desktop app, not the CLI).
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# The prebuilt CLI (what `npm ci` runs as `prepare`), then only the run-time dependencies.
RUN npm run build:cli && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
COPY --from=build /app/package.json /app/package.json
COPY --from=build /app/node_modules /app/node_modules
COPY --from=build /app/dist-cli /app/dist-cli
COPY --from=build /app/cli/bin /app/cli/bin
USER node
WORKDIR /data
ENTRYPOINT ["node", "/app/cli/bin/mmm.mjs"]
CMD ["--help"]
