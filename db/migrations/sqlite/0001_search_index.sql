-- Full-text index for Persian-aware search. The application folds text (ي/ی, ك/ک, ZWNJ, tatweel,
-- diacritics, digits, Latin case) before writing and before querying, so the tokenizer only splits.
-- Rows are maintained by the data layer in the same transaction as the record they describe.
CREATE VIRTUAL TABLE `search_index` USING fts5(
  `record_type` UNINDEXED,
  `record_id` UNINDEXED,
  `keys`,
  `names`,
  `body`,
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '2 3'
);
