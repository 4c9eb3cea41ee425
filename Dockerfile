# One image for every part of the suite; docker-compose.yml picks the part with
# `causeway run <kind>/<name>`. TypeScript runs from source through tsx, as in development.
FROM node:20-bookworm-slim
WORKDIR /app
# better-sqlite3 (embedded stores, dev tooling) builds from source when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY tools tools
COPY components components
COPY aggregators aggregators
COPY applications applications
COPY contracts contracts
COPY tsconfig.base.json tsconfig.json ./
RUN npm ci --omit=dev --no-audit --no-fund
ENV NODE_ENV=production LOG_LEVEL=info
ENTRYPOINT ["node", "tools/cli/bin/causeway.js"]
CMD ["--help"]
