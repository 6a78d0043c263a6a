-- The reader page cache (src/lib/server/publications/reader-page-cache.ts) keeps rendered pages in
-- each app process. Every write to a row such a page is rendered from tells every process, through
-- NOTIFY on the channel reader_pages, whose pages to drop: 'u:<user id>' (their sessions, account,
-- memberships, acknowledgements), 'w:<workspace id>' (its publications), '*' (everything: a
-- workspace renamed or deleted, a table truncated). A trigger, not the services, so that no write
-- path (an import, a sign-in provider, a script) can forget it. Delivered at commit.
CREATE FUNCTION reader_pages_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed record;
BEGIN
	IF TG_LEVEL = 'STATEMENT' THEN
		PERFORM pg_notify('reader_pages', '*');
		RETURN NULL;
	END IF;
	IF TG_OP = 'DELETE' THEN
		changed := OLD;
	ELSE
		changed := NEW;
	END IF;
	IF TG_TABLE_NAME = 'users' THEN
		PERFORM pg_notify('reader_pages', 'u:' || changed.id);
	ELSIF TG_TABLE_NAME = 'publications' THEN
		PERFORM pg_notify('reader_pages', 'w:' || changed.workspace_id);
	ELSIF TG_TABLE_NAME = 'workspaces' THEN
		PERFORM pg_notify('reader_pages', '*');
	ELSE
		PERFORM pg_notify('reader_pages', 'u:' || changed.user_id);
		IF TG_OP = 'UPDATE' AND TG_TABLE_NAME <> 'acknowledgements' AND OLD.user_id <> NEW.user_id THEN
			PERFORM pg_notify('reader_pages', 'u:' || OLD.user_id);
		END IF;
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER auth_sessions_reader_pages AFTER UPDATE OR DELETE ON auth_sessions FOR EACH ROW EXECUTE FUNCTION reader_pages_notify();
--> statement-breakpoint
CREATE TRIGGER users_reader_pages AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION reader_pages_notify();
--> statement-breakpoint
CREATE TRIGGER memberships_reader_pages AFTER INSERT OR UPDATE OR DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION reader_pages_notify();
--> statement-breakpoint
CREATE TRIGGER workspaces_reader_pages AFTER UPDATE OR DELETE ON workspaces FOR EACH ROW EXECUTE FUNCTION reader_pages_notify();
--> statement-breakpoint
CREATE TRIGGER publications_reader_pages AFTER INSERT OR UPDATE OR DELETE ON publications FOR EACH ROW EXECUTE FUNCTION reader_pages_notify();
--> statement-breakpoint
CREATE TRIGGER acknowledgements_reader_pages AFTER INSERT OR UPDATE OR DELETE ON acknowledgements FOR EACH ROW EXECUTE FUNCTION reader_pages_notify();
--> statement-breakpoint
CREATE TRIGGER auth_sessions_reader_pages_truncate AFTER TRUNCATE ON auth_sessions FOR EACH STATEMENT EXECUTE FUNCTION reader_pages_notify();
--> statement-breakpoint
CREATE TRIGGER users_reader_pages_truncate AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION reader_pages_notify();
--> statement-breakpoint
CREATE TRIGGER memberships_reader_pages_truncate AFTER TRUNCATE ON memberships FOR EACH STATEMENT EXECUTE FUNCTION reader_pages_notify();
--> statement-breakpoint
CREATE TRIGGER workspaces_reader_pages_truncate AFTER TRUNCATE ON workspaces FOR EACH STATEMENT EXECUTE FUNCTION reader_pages_notify();
--> statement-breakpoint
CREATE TRIGGER publications_reader_pages_truncate AFTER TRUNCATE ON publications FOR EACH STATEMENT EXECUTE FUNCTION reader_pages_notify();
--> statement-breakpoint
CREATE TRIGGER acknowledgements_reader_pages_truncate AFTER TRUNCATE ON acknowledgements FOR EACH STATEMENT EXECUTE FUNCTION reader_pages_notify();
