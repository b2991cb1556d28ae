/** The scalars of the API, from graphql-scalars rather than hand-written parsers. */
export {
  LocalDateResolver as LocalDate,
  DateTimeResolver as DateTime,
  JSONResolver as JSON,
  SafeIntResolver as SafeInt,
} from "graphql-scalars";
