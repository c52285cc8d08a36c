-- Times are BIGINT unix microseconds UTC (0 = unknown) in both dialects,
-- so the shared SQL core reads and writes them the same way.
CREATE TABLE feeds (
    url        TEXT PRIMARY KEY,
    title      TEXT NOT NULL DEFAULT '',
    outlet     TEXT NOT NULL DEFAULT '',
    first_seen BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL
);

CREATE TABLE stories (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL DEFAULT '',
    first_seen BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL
);
CREATE INDEX stories_last_seen ON stories (last_seen DESC, id DESC);

CREATE TABLE articles (
    id           TEXT PRIMARY KEY,
    url          TEXT NOT NULL DEFAULT '',
    guid         TEXT NOT NULL DEFAULT '',
    feed_url     TEXT NOT NULL DEFAULT '',
    feed_title   TEXT NOT NULL DEFAULT '',
    outlet       TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL DEFAULT '',
    author       TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL DEFAULT '',
    published    BIGINT NOT NULL DEFAULT 0,
    fetched      BIGINT NOT NULL DEFAULT 0,
    content_hash TEXT NOT NULL DEFAULT '',
    revision     INTEGER NOT NULL DEFAULT 0,
    story_id     TEXT NOT NULL DEFAULT '',
    duplicate_of TEXT NOT NULL DEFAULT '',
    stub         INTEGER NOT NULL DEFAULT 0,
    stored       BIGINT NOT NULL
);
CREATE INDEX articles_story ON articles (story_id, published, id);
-- Story article counts filter on both: with only articles_duplicate_of a
-- planner may walk every unique article of every story.
CREATE INDEX articles_story_dup ON articles (story_id, duplicate_of, stub);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);
CREATE INDEX articles_feed ON articles (feed_url);
CREATE INDEX articles_published ON articles (published DESC, id DESC);
CREATE INDEX articles_url ON articles (url);

CREATE TABLE duplicates (
    article_id   TEXT PRIMARY KEY,
    duplicate_of TEXT NOT NULL,
    similarity   DOUBLE PRECISION NOT NULL DEFAULT 0,
    exact        INTEGER NOT NULL DEFAULT 0,
    stored       BIGINT NOT NULL
);
CREATE INDEX duplicates_of ON duplicates (duplicate_of);

-- seq is the rowid (and the claims_fts rowid): full-text matches join
-- back by integer, not through the TEXT id index. An INTEGER PRIMARY KEY
-- also keeps it stable across VACUUM, unlike an implicit rowid.
CREATE TABLE claims (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    speaker      TEXT NOT NULL DEFAULT '',
    speaker_norm TEXT NOT NULL DEFAULT '',
    speaker_last TEXT NOT NULL DEFAULT '',
    subject_norm TEXT NOT NULL DEFAULT '',
    unit_norm    TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL DEFAULT '',
    content      TEXT NOT NULL DEFAULT '',
    data         TEXT NOT NULL,
    first_seen   BIGINT NOT NULL,
    last_seen    BIGINT NOT NULL,
    outlets      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX claims_first_seen ON claims (first_seen DESC, id DESC);
CREATE INDEX claims_speaker ON claims (speaker_norm, first_seen DESC, id DESC);
CREATE INDEX claims_speaker_last ON claims (speaker_last, first_seen DESC, id DESC);
CREATE INDEX claims_kind ON claims (kind, first_seen DESC, id DESC);
CREATE INDEX claims_subject ON claims (kind, subject_norm, first_seen DESC);

CREATE TABLE claim_entities (
    entity_norm TEXT NOT NULL,
    claim_id    TEXT NOT NULL,
    PRIMARY KEY (entity_norm, claim_id)
);
CREATE INDEX claim_entities_claim ON claim_entities (claim_id);

CREATE TABLE claim_mentions (
    claim_id   TEXT NOT NULL,
    article_id TEXT NOT NULL,
    sentence   INTEGER NOT NULL,
    start_off  INTEGER NOT NULL,
    end_off    INTEGER NOT NULL,
    outlet     TEXT NOT NULL DEFAULT '',
    stored     BIGINT NOT NULL,
    PRIMARY KEY (claim_id, article_id, sentence, start_off)
);
CREATE INDEX claim_mentions_article ON claim_mentions (article_id, claim_id);

CREATE TABLE conflicts (
    id        TEXT PRIMARY KEY,
    claim_a   TEXT NOT NULL,
    claim_b   TEXT NOT NULL,
    subject   TEXT NOT NULL DEFAULT '',
    unit      TEXT NOT NULL DEFAULT '',
    article_a TEXT NOT NULL DEFAULT '',
    article_b TEXT NOT NULL DEFAULT '',
    detected  BIGINT NOT NULL
);
CREATE INDEX conflicts_detected ON conflicts (detected DESC, id DESC);
CREATE INDEX conflicts_claim_a ON conflicts (claim_a);
CREATE INDEX conflicts_claim_b ON conflicts (claim_b);
CREATE INDEX conflicts_article_a ON conflicts (article_a);
CREATE INDEX conflicts_article_b ON conflicts (article_b);

CREATE TABLE alerts (
    id         TEXT PRIMARY KEY,
    rule       TEXT NOT NULL DEFAULT '',
    sink       TEXT NOT NULL DEFAULT '',
    trigger_kind TEXT NOT NULL DEFAULT '',
    event_key  TEXT NOT NULL DEFAULT '',
    summary    TEXT NOT NULL DEFAULT '',
    state      TEXT NOT NULL DEFAULT '',
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    created    BIGINT NOT NULL,
    delivered  BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX alerts_created ON alerts (created DESC, id DESC);

CREATE TABLE outbox (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    event_key TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL,
    payload TEXT NOT NULL,
    created BIGINT NOT NULL,
    sent    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent = 0;
CREATE INDEX outbox_sent ON outbox (sent) WHERE sent > 0;

-- rowid = claims.seq; contentless: the text lives in claims.
CREATE VIRTUAL TABLE claims_fts USING fts5(body, content = '', tokenize = 'porter unicode61');
CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, body, tokenize = 'porter unicode61');
