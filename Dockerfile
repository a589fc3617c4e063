# Builds the client and the server bundle, then runs the bundle on Node 20.
FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATABASE_PATH=/data/ringstuga.db
WORKDIR /app
COPY --from=build /app /app
# Owner-only: the database holds the contacts' numbers (a new named volume takes this mode).
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
EXPOSE 3000
CMD ["node", "--max-old-space-size=192", "server/dist/main.mjs"]
