-- Nothing reads an article full-text index: search is over claims
-- (/api/v1/claims?q=). The generated tsvector and its GIN index cost
-- every stored article a parse of its whole text (issue 9).
DROP INDEX articles_tsv;
ALTER TABLE articles DROP COLUMN tsv;
