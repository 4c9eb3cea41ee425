import type { ServiceEntry } from '@causeway/suite';

const HEADER = `# The real thing: EventStoreDB and MongoDB, and every part of the suite as its own service,
# all built from the one Dockerfile. \`docker compose up --build\`; scale a component with
# GROUP_SIZE / GROUP_MEMBER (consumer groups, docs/ARCHITECTURE.md §6).
# Generated from the suite's manifest by \`npx causeway compose --write\`: do not edit the services by hand.
x-part: &part
  build: .
  restart: unless-stopped
  environment:
    EVENTSTORE_URL: esdb://eventstore:2113?tls=false
    MONGO_URL: mongodb://mongo:27017
    MONGO_DB: causeway
    LOG_LEVEL: info
    HOST: 0.0.0.0
  depends_on:
    eventstore:
      condition: service_healthy
    mongo:
      condition: service_healthy

services:
  eventstore:
    image: eventstore/eventstore:24.10
    environment:
      EVENTSTORE_INSECURE: "true"
      EVENTSTORE_RUN_PROJECTIONS: None
      EVENTSTORE_MEM_DB: "false"
    ports: ["2113:2113"]
    volumes: ["eventstore-data:/var/lib/eventstore"]
    healthcheck:
      test: ["CMD-SHELL", "curl -fsS http://localhost:2113/health/live || exit 1"]
      interval: 5s
      retries: 20
  mongo:
    image: mongo:7
    ports: ["27017:27017"]
    volumes: ["mongo-data:/data/db"]
    healthcheck:
      test: ["CMD", "mongosh", "--quiet", "--eval", "db.runCommand({ ping: 1 }).ok"]
      interval: 5s
      retries: 20
`;

const FOOTER = `
volumes:
  eventstore-data:
  mongo-data:
`;

/** The compose service name of a part: `components/wallets` → `components-wallets`. */
export const composeServiceName = (service: Pick<ServiceEntry, 'id'>): string => service.id.replace('/', '-');

/**
 * docker-compose.yml for the suite: the two real stores, then one service per
 * part of the manifest, each `causeway run <part>` in the one image, with the
 * ports its package.json declares (`"causeway": { "ports": [3000] }`).
 */
export function renderCompose(services: readonly ServiceEntry[]): string {
  const parts = services.map((s) => {
    const lines = [`  ${composeServiceName(s)}:`, '    <<: *part', `    command: ["run", "${s.id}"]`];
    if (s.ports.length > 0) lines.push(`    ports: [${s.ports.map((p) => `"${p}:${p}"`).join(', ')}]`);
    return lines.join('\n');
  });
  return `${HEADER}${parts.join('\n')}\n${FOOTER}`;
}
