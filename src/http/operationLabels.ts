/**
 * The `operation` label of the request metrics. Operation names are chosen by clients, and every
 * distinct label value is a time series kept for the life of the process (3,000 names once grew
 * /metrics from 12 KB to 13 MB), so only names the server knows are labelled by name: the example
 * operations (examples/operations) and, in trusted-documents mode, the manifest's operations.
 * Every other named operation is counted as "other", an unnamed one as "anonymous". Automatic
 * persisted queries are not "known": any client can register one.
 */
import { Kind, parse } from "graphql";
import { EXAMPLE_OPERATIONS, exampleOperation } from "../../examples/operations/index.js";
import type { TrustedDocuments } from "./trustedDocuments.js";

export const OTHER_OPERATION_LABEL = "other";
export const ANONYMOUS_OPERATION_LABEL = "anonymous";

/** The names of the operations a document defines (none when it does not parse). */
export function operationNamesIn(text: string): string[] {
  try {
    return parse(text, { noLocation: true }).definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [],
    );
  } catch {
    return [];
  }
}

/** The operation names labelled by name: the example operations and the trusted documents. */
export function knownOperationNames(trusted: TrustedDocuments | null): ReadonlySet<string> {
  const texts = [...EXAMPLE_OPERATIONS.map((name) => exampleOperation(name)), ...(trusted ? trusted.byHash.values() : [])];
  return new Set(texts.flatMap(operationNamesIn));
}

/** Maps an operation name to its metric label; the set of labels is fixed when the server starts. */
export function operationLabeller(known: ReadonlySet<string>): (operationName: string | null | undefined) => string {
  return (operationName) => {
    if (!operationName) return ANONYMOUS_OPERATION_LABEL;
    return known.has(operationName) ? operationName : OTHER_OPERATION_LABEL;
  };
}
