-- Cheaper writes (issue 9): only quantity claims are ever looked up by
-- subject (conflict candidates), so only they need the subject index; a
-- partial index spares every quote and statement one B-tree insert. The
-- candidate query names kind = 'quantity' literally so that generic plans
-- can use it too.
DROP INDEX claims_subject;
CREATE INDEX claims_subject ON claims (subject_norm, first_seen DESC) WHERE kind = 'quantity';
