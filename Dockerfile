# syntax=docker/dockerfile:1
# The bot as a container: compiled in one stage, run from a production-only install in the next.
# Build: docker build -t procedures-bot .     Run: see README.md, Deploy.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
# `prepare` compiles, and needs the sources: install first without scripts, then build.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY src ./src
RUN npm run build

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    PORT=3978 \
    DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY knowledge ./knowledge
COPY drizzle ./drizzle
COPY manifest ./manifest
# The embedded store's folder (used when DATABASE_URL is unset) belongs to the unprivileged user.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
# node:20-slim has no curl: Node's own fetch asks /healthz, which answers 200 once the bot serves (the store's
# state is in its body: a database outage does not make the container unhealthy, answers go on).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node as PID 1 (exec form, no npm or shell between): SIGTERM reaches the server, which finishes turns in
# flight, closes the store and exits within 5 s.
CMD ["node", "dist/server/main.js"]
