-- One proposal waiting per person and team, held by the database: proposals sent at once
-- through several instances (or tabs) cannot open two. Duplicates from before are withdrawn,
-- the first one kept.
UPDATE exchange_requests SET state = 'withdrawn'
WHERE state IN ('pending', 'proposed')
  AND id NOT IN (
    SELECT MIN(id) FROM exchange_requests WHERE state IN ('pending', 'proposed')
    GROUP BY from_user, to_experience
  );
CREATE UNIQUE INDEX exchange_requests_one_waiting ON exchange_requests (from_user, to_experience)
WHERE state IN ('pending', 'proposed');
