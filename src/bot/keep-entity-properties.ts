import { createRequire } from 'node:module';

// botbuilder 4.23 sends each activity through @azure/core-client, whose serializer keeps only the properties a
// mapper names. The connector's Entity mapper names `type`, `text` and `mentioned`, so a citation entity's
// `@type`, `@context` and `citation` never reached the Bot Connector (our over-HTTP test caught it; the same
// loss in the Python SDK is microsoft/teams-sdk#2307). Declaring additional properties on that mapper keeps
// every entity whole. The connector client reads this same module instance, so setting it once is enough.
interface CompositeMapper {
  type: { additionalProperties?: { type: { name: string } } };
}

const mappers = createRequire(import.meta.url)('botframework-connector/lib/connectorApi/models/mappers.js') as { Entity?: CompositeMapper };
if (!mappers.Entity) throw new Error('botframework-connector: the Entity mapper has moved; citations would be dropped');
mappers.Entity.type.additionalProperties = { type: { name: 'Object' } };
