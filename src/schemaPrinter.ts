import { lexicographicSortSchema, printSchema } from "graphql";
import { footprintSchema } from "./schema.js";

/** The SDL checked in as schema/schema.graphql: sorted, so the file changes only when the API does. */
export async function printedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await footprintSchema()))}\n`;
}
