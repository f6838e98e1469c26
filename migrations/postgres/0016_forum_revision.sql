-- A forum's settings carry a revision too (see 0015): a facilitator saving a settings form
-- filled before another's save is refused with what they typed kept.
ALTER TABLE forums ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
