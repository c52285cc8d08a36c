-- Cheaper writes (issue 9).
--
-- Only quantity claims are ever looked up by subject (conflict
-- candidates), so only they need the subject index: a partial index
-- spares every quote and statement one B-tree insert. The candidate query
-- names kind = 'quantity' literally so the planner can use it.
DROP INDEX claims_subject;
CREATE INDEX claims_subject ON claims (subject_norm, first_seen DESC) WHERE kind = 'quantity';

-- Article search needs words and columns, not word positions (no phrase
-- or NEAR queries are offered): detail=column drops the position lists,
-- the bulk of the index for long article texts and of its write cost.
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, body, tokenize = 'porter unicode61', detail = column);
INSERT INTO articles_fts (article_id, title, body) SELECT id, title, text FROM articles WHERE stub = 0;
