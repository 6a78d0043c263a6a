-- Keeps customer_level_tallies and customer_rating_tallies in step with customer_answers: a
-- statement-level trigger adds (or, on delete, takes away) the rows a statement inserted, grouped,
-- so a bulk insert costs one upsert per touchpoint, month and level. Answers about a journey stage
-- (no touchpoint) are not tallied; the stage's figures count them directly.
CREATE FUNCTION customer_answers_tally_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO customer_level_tallies AS t (touchpoint_id, month, level, answers)
	SELECT touchpoint_id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM'), level, count(*)
	FROM inserted WHERE touchpoint_id IS NOT NULL
	GROUP BY 1, 2, 3
	ON CONFLICT (touchpoint_id, month, level) DO UPDATE SET answers = t.answers + excluded.answers;
	INSERT INTO customer_rating_tallies AS t (touchpoint_id, criterion, total, ratings)
	SELECT a.touchpoint_id, r.key, sum(r.value::int), count(*)
	FROM inserted a, jsonb_each_text(a.ratings) r WHERE a.touchpoint_id IS NOT NULL
	GROUP BY 1, 2
	ON CONFLICT (touchpoint_id, criterion)
		DO UPDATE SET total = t.total + excluded.total, ratings = t.ratings + excluded.ratings;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION customer_answers_tally_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE customer_level_tallies t SET answers = t.answers - d.n
	FROM (
		SELECT touchpoint_id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, level, count(*) AS n
		FROM removed WHERE touchpoint_id IS NOT NULL GROUP BY 1, 2, 3
	) d
	WHERE t.touchpoint_id = d.touchpoint_id AND t.month = d.month AND t.level = d.level;
	UPDATE customer_rating_tallies t SET total = t.total - d.total, ratings = t.ratings - d.n
	FROM (
		SELECT a.touchpoint_id, r.key AS criterion, sum(r.value::int) AS total, count(*) AS n
		FROM removed a, jsonb_each_text(a.ratings) r WHERE a.touchpoint_id IS NOT NULL GROUP BY 1, 2
	) d
	WHERE t.touchpoint_id = d.touchpoint_id AND t.criterion = d.criterion;
	DELETE FROM customer_level_tallies WHERE answers <= 0;
	DELETE FROM customer_rating_tallies WHERE ratings <= 0;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER customer_answers_tally_insert AFTER INSERT ON customer_answers
	REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION customer_answers_tally_insert();
--> statement-breakpoint
CREATE TRIGGER customer_answers_tally_delete AFTER DELETE ON customer_answers
	REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION customer_answers_tally_delete();
--> statement-breakpoint
INSERT INTO customer_level_tallies (touchpoint_id, month, level, answers)
SELECT touchpoint_id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM'), level, count(*)
FROM customer_answers WHERE touchpoint_id IS NOT NULL GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO customer_rating_tallies (touchpoint_id, criterion, total, ratings)
SELECT a.touchpoint_id, r.key, sum(r.value::int), count(*)
FROM customer_answers a, jsonb_each_text(a.ratings) r WHERE a.touchpoint_id IS NOT NULL GROUP BY 1, 2;
