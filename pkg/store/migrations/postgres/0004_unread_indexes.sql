-- Indexes no read needs (issue 9): each was a B-tree insert per row
-- written, and those keyed by claim or URL a page dirtied per row.
-- Checked against every query in read_*.go and write_*.go. (claims_kind
-- stays: without it SQLite lists quantities by sorting all of them from
-- the partial claims_subject index.)
--
-- claims_speaker: a speaker filter is served by claims_speaker_last (the
-- speaker's last word, which every match shares; see ListClaims).
DROP INDEX claims_speaker;
-- Entities are looked up by entity, never by claim.
DROP INDEX claim_entities_claim;
-- Nothing looks articles up by URL.
DROP INDEX articles_url;
