/** In-process publication of committed changes to live subscriptions (graphql-ws). */
import { createPubSub } from "@graphql-yoga/subscription";
import type { ChangePublisher, ChangeRow } from "../data/writes/writeSession.js";

export const CHANGES_TOPIC = "CHANGES";

export function createChangePubSub() {
  const pubSub = createPubSub<{ [CHANGES_TOPIC]: [ChangeRow] }>();
  const publisher: ChangePublisher = { publish: (change) => pubSub.publish(CHANGES_TOPIC, change) };
  return { pubSub, publisher };
}

export type ChangePubSub = ReturnType<typeof createChangePubSub>;
