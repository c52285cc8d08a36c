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

-- Entities and mentions are found by their primary keys and one index
-- each; as rowid tables every insert also wrote a hidden rowid B-tree
-- (three B-trees per row). WITHOUT ROWID stores the row in its primary
-- key's B-tree: two per row.
CREATE TABLE claim_entities_new (
    entity_norm TEXT NOT NULL,
    claim_id    TEXT NOT NULL,
    PRIMARY KEY (entity_norm, claim_id)
) WITHOUT ROWID;
INSERT INTO claim_entities_new (entity_norm, claim_id) SELECT entity_norm, claim_id FROM claim_entities;
DROP TABLE claim_entities;
ALTER TABLE claim_entities_new RENAME TO claim_entities;
CREATE INDEX claim_entities_claim ON claim_entities (claim_id);

CREATE TABLE claim_mentions_new (
    claim_id   TEXT NOT NULL,
    article_id TEXT NOT NULL,
    sentence   INTEGER NOT NULL,
    start_off  INTEGER NOT NULL,
    end_off    INTEGER NOT NULL,
    outlet     TEXT NOT NULL DEFAULT '',
    stored     BIGINT NOT NULL,
    PRIMARY KEY (claim_id, article_id, sentence, start_off)
) WITHOUT ROWID;
INSERT INTO claim_mentions_new (claim_id, article_id, sentence, start_off, end_off, outlet, stored)
    SELECT claim_id, article_id, sentence, start_off, end_off, outlet, stored FROM claim_mentions;
DROP TABLE claim_mentions;
ALTER TABLE claim_mentions_new RENAME TO claim_mentions;
CREATE INDEX claim_mentions_article ON claim_mentions (article_id, claim_id);
