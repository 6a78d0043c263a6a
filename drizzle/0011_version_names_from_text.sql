-- Versions saved without a name were named "v<number>", and their label read "v1 · v1". Name them,
-- as new ones are, after the start of their text (48 characters, "…" when cut).
UPDATE "draft_versions"
SET "name" = CASE
	WHEN char_length(regexp_replace(btrim("text"), '\s+', ' ', 'g')) <= 48 THEN regexp_replace(btrim("text"), '\s+', ' ', 'g')
	ELSE rtrim(left(regexp_replace(btrim("text"), '\s+', ' ', 'g'), 48)) || '…'
END
WHERE "name" = 'v' || "number"::text AND btrim("text") <> '';
