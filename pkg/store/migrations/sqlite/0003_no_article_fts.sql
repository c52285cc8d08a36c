-- Nothing reads an article full-text index: search is over claims
-- (/api/v1/claims?q=). Keeping one cost every stored article an FTS5
-- insert and, when a claim batch had overtaken its article, a scan of the
-- whole index to delete the stub's entry (issue 9).
DROP TABLE articles_fts;
