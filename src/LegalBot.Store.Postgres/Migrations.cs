namespace LegalBot.Store.Postgres;

/// <summary>
/// The schema, as an ordered list of scripts. Script <c>i</c> takes the database from schema version <c>i</c> to
/// <c>i + 1</c> (the highest version in <c>schema_version</c>). Never edit a released script; append a new one.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<string> Scripts { get; } =
    [
        // 1: requests with their append-only history, the notification outbox (with staged rows of the
        // change/outbox protocol), where the bot can post proactively, the cards it posted and each person's
        // settings. Request numbers are shown to people as LR-1001, LR-1002, ...
        """
        CREATE TABLE requests (
            number              bigint      GENERATED ALWAYS AS IDENTITY (START WITH 1001) PRIMARY KEY,
            submission_key      text        NOT NULL UNIQUE,
            type_key            text        NOT NULL,
            title               text        NOT NULL,
            description         text        NOT NULL,
            business_unit       text        NOT NULL,
            counterparty        text        NULL,
            priority            text        NOT NULL,
            requested_due_date  date        NULL,
            fields_json         jsonb       NOT NULL,
            requester_aad_id    text        NOT NULL,
            requester_name      text        NOT NULL,
            requester_email     text        NULL,
            tenant_id           text        NULL,
            state               text        NOT NULL,
            assigned_to_aad_id  text        NULL,
            assigned_to_name    text        NULL,
            assigned_to_email   text        NULL,
            created_at          timestamptz NOT NULL,
            created_offset      interval    NOT NULL,
            updated_at          timestamptz NOT NULL,
            target_date         date        NOT NULL,
            completed_at        timestamptz NULL,
            -- The date where the request was completed (in the offset the change carried), for on-time counts.
            completed_on        date        NULL,
            hours_spent         numeric     NULL,
            rating              integer     NULL,
            rating_comment      text        NULL,
            version             integer     NOT NULL
        );

        CREATE INDEX ix_requests_requester ON requests (requester_aad_id, number DESC);
        CREATE INDEX ix_requests_assignee ON requests (assigned_to_aad_id, state, number DESC);

        CREATE TABLE request_history (
            id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            number           bigint      NOT NULL REFERENCES requests (number),
            at               timestamptz NOT NULL,
            at_offset        interval    NOT NULL,
            actor_aad_id     text        NOT NULL,
            actor_name       text        NOT NULL,
            actor_email      text        NULL,
            action           text        NOT NULL,
            from_state       text        NULL,
            to_state         text        NOT NULL,
            note             text        NULL,
            assignee_aad_id  text        NULL,
            assignee_name    text        NULL,
            assignee_email   text        NULL,
            hours_spent      numeric     NULL,
            rating           integer     NULL,
            change_id        text        NULL UNIQUE
        );

        CREATE INDEX ix_request_history_number ON request_history (number, id);

        CREATE FUNCTION request_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'request_history is append-only';
        END;
        $$;

        CREATE TRIGGER request_history_no_change BEFORE UPDATE OR DELETE ON request_history
            FOR EACH ROW EXECUTE FUNCTION request_history_append_only();

        CREATE TABLE outbox (
            id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            key              text        NOT NULL UNIQUE,
            number           bigint      NULL REFERENCES requests (number),
            recipient        text        NOT NULL,
            kind             text        NOT NULL,
            text             text        NULL,
            created_at       timestamptz NOT NULL,
            next_attempt_at  timestamptz NOT NULL,
            attempts         integer     NOT NULL DEFAULT 0,
            status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('staged', 'pending', 'delivered', 'failed')),
            delivered_at     timestamptz NULL,
            failed_at        timestamptz NULL,
            last_error       text        NULL,
            activity_id      text        NULL,
            change_id        text        NULL,
            CHECK (status = 'staged' OR number IS NOT NULL)
        );

        CREATE INDEX ix_outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pending';
        CREATE INDEX ix_outbox_sequence ON outbox (number, recipient, status, id);
        CREATE INDEX ix_outbox_change ON outbox (change_id, status);

        CREATE TABLE posted_cards (
            id                bigint NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            number            bigint NOT NULL REFERENCES requests (number),
            recipient         text   NOT NULL,
            conversation_key  text   NOT NULL,
            activity_id       text   NOT NULL,
            content_hash      text   NULL,
            UNIQUE (number, recipient, conversation_key, activity_id)
        );

        CREATE INDEX ix_posted_cards_chat ON posted_cards (number, recipient, conversation_key, id);

        CREATE TABLE conversation_addresses (
            key              text        PRIMARY KEY,
            service_url      text        NOT NULL,
            conversation_id  text        NOT NULL,
            tenant_id        text        NULL,
            channel_id       text        NOT NULL,
            bot_id           text        NOT NULL,
            updated_at       timestamptz NOT NULL
        );

        CREATE TABLE user_settings (
            aad_id      text        PRIMARY KEY,
            time_zone   text        NOT NULL,
            updated_at  timestamptz NOT NULL
        );
        """,

        // 2: what the stores need beyond the first schema.
        // - Times kept exactly: .NET keeps 100-nanosecond ticks and PostgreSQL microseconds, so each request time
        //   keeps its last tick digit (0-9) beside it, and every time shown back has the offset it was written with.
        // - Each ALSP professional's open, completed and on-time counts, kept by a trigger in the same transaction
        //   as the change (legal staff cards read them often); on time when completed on or before the target
        //   date, taking the date where it was completed.
        // - A notification key is unique among queued rows only: two changes racing on one version owe the same
        //   keyed notice and each stages its own copy, so the loser's drop cannot take the winner's.
        // - Claims on due outbox rows: the instance that claimed a row delivers it; its claim runs out at
        //   claimed_until, so the rows of an instance that died are picked up by another.
        // - Bot dialog state, keyed by a SHA-256 of the key (keys may be longer than a btree entry can hold).
        """
        ALTER TABLE requests
            ADD COLUMN created_ticks    smallint    NOT NULL DEFAULT 0 CHECK (created_ticks BETWEEN 0 AND 9),
            ADD COLUMN updated_offset   interval    NOT NULL DEFAULT interval '0',
            ADD COLUMN updated_ticks    smallint    NOT NULL DEFAULT 0 CHECK (updated_ticks BETWEEN 0 AND 9),
            ADD COLUMN completed_offset interval    NULL,
            ADD COLUMN completed_ticks  smallint    NULL CHECK (completed_ticks BETWEEN 0 AND 9);

        ALTER TABLE request_history
            ADD COLUMN at_ticks smallint NOT NULL DEFAULT 0 CHECK (at_ticks BETWEEN 0 AND 9);

        CREATE TABLE professional_stats (
            aad_id           text    PRIMARY KEY,
            open_count       integer NOT NULL,
            completed_count  integer NOT NULL,
            on_time_count    integer NOT NULL
        );

        INSERT INTO professional_stats (aad_id, open_count, completed_count, on_time_count)
        SELECT assigned_to_aad_id,
               count(*) FILTER (WHERE state IN ('Assigned', 'InProgress', 'WaitingOnRequester')),
               count(*) FILTER (WHERE state = 'Completed'),
               count(*) FILTER (WHERE state = 'Completed' AND completed_on <= target_date)
        FROM requests
        WHERE assigned_to_aad_id IS NOT NULL AND state IN ('Assigned', 'InProgress', 'WaitingOnRequester', 'Completed')
        GROUP BY assigned_to_aad_id;

        CREATE FUNCTION professional_stats_count() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND OLD.assigned_to_aad_id IS NOT NULL THEN
                UPDATE professional_stats SET
                    open_count = open_count - (OLD.state IN ('Assigned', 'InProgress', 'WaitingOnRequester'))::integer,
                    completed_count = completed_count - (OLD.state = 'Completed')::integer,
                    on_time_count = on_time_count - COALESCE(OLD.state = 'Completed' AND OLD.completed_on <= OLD.target_date, false)::integer
                WHERE aad_id = OLD.assigned_to_aad_id;
            END IF;

            IF NEW.assigned_to_aad_id IS NOT NULL THEN
                INSERT INTO professional_stats AS s (aad_id, open_count, completed_count, on_time_count)
                VALUES (
                    NEW.assigned_to_aad_id,
                    (NEW.state IN ('Assigned', 'InProgress', 'WaitingOnRequester'))::integer,
                    (NEW.state = 'Completed')::integer,
                    COALESCE(NEW.state = 'Completed' AND NEW.completed_on <= NEW.target_date, false)::integer)
                ON CONFLICT (aad_id) DO UPDATE SET
                    open_count = s.open_count + excluded.open_count,
                    completed_count = s.completed_count + excluded.completed_count,
                    on_time_count = s.on_time_count + excluded.on_time_count;
            END IF;

            RETURN NULL;
        END;
        $$;

        CREATE TRIGGER requests_professional_stats
            AFTER INSERT OR UPDATE OF state, assigned_to_aad_id, completed_on, target_date ON requests
            FOR EACH ROW EXECUTE FUNCTION professional_stats_count();

        ALTER TABLE outbox DROP CONSTRAINT outbox_key_key;
        ALTER TABLE outbox ADD CONSTRAINT outbox_staged_has_change CHECK (status <> 'staged' OR change_id IS NOT NULL);
        CREATE UNIQUE INDEX ux_outbox_key ON outbox (key) WHERE status <> 'staged';
        CREATE UNIQUE INDEX ux_outbox_staged_key ON outbox (change_id, key) WHERE status = 'staged';

        ALTER TABLE outbox
            ADD COLUMN claimed_by     text        NULL,
            ADD COLUMN claimed_until  timestamptz NULL;

        CREATE TABLE bot_state (
            key_hash    bytea       PRIMARY KEY,
            key         text        NOT NULL,
            etag        text        NOT NULL,
            json        text        NOT NULL,
            updated_at  timestamptz NOT NULL
        );
        """,

        // 3: the sends of the last hour to each conversation, shared by the instances so Teams' per-conversation
        //    windows hold across them (see PostgresConversationSendLedger). A reservation takes a transaction-scoped
        //    advisory lock on its conversation, so two instances cannot both take a window's last place; it also
        //    carries the completion times of this instance's earlier sends (a send counts from its completion once
        //    known) and clears sends past the longest window, skipping rows another transaction holds.
        """
        CREATE TABLE conversation_sends (
            id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            conversation_id  text        NOT NULL,
            at               timestamptz NOT NULL
        );

        CREATE INDEX ix_conversation_sends_conversation ON conversation_sends (conversation_id, at);
        CREATE INDEX ix_conversation_sends_at ON conversation_sends (at);

        CREATE FUNCTION conversation_sends_settle(done_ids bigint[], done_at timestamptz[], horizon_start timestamptz)
        RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE conversation_sends s SET at = d.at
            FROM unnest(done_ids, done_at) AS d (id, at)
            WHERE s.id = d.id AND d.at > s.at;

            DELETE FROM conversation_sends
            WHERE id IN (SELECT id FROM conversation_sends WHERE at <= horizon_start LIMIT 1000 FOR UPDATE SKIP LOCKED);
        END;
        $$;

        -- Returns the new send's id when every window has room, otherwise when to ask again.
        CREATE FUNCTION conversation_sends_reserve(
            conversation text, at_now timestamptz, lengths interval[], limits integer[],
            done_ids bigint[], done_at timestamptz[],
            OUT send_id bigint, OUT retry_at timestamptz)
        LANGUAGE plpgsql AS $$
        DECLARE
            i       integer;
            counted integer;
            leaves  timestamptz;
        BEGIN
            PERFORM pg_advisory_xact_lock(hashtextextended('conversation_sends:' || conversation, 0));
            PERFORM conversation_sends_settle(done_ids, done_at, at_now - (SELECT max(l) FROM unnest(lengths) AS l));

            FOR i IN 1 .. cardinality(lengths) LOOP
                SELECT count(*) INTO counted FROM conversation_sends
                WHERE conversation_id = conversation AND at > at_now - lengths[i];
                IF counted >= limits[i] THEN
                    -- The window is full: it has room when the first send that must leave has left.
                    SELECT s.at + lengths[i] INTO leaves FROM conversation_sends s
                    WHERE s.conversation_id = conversation AND s.at > at_now - lengths[i]
                    ORDER BY s.at OFFSET counted - limits[i] LIMIT 1;
                    retry_at := greatest(retry_at, leaves);
                END IF;
            END LOOP;

            IF retry_at IS NULL THEN
                INSERT INTO conversation_sends (conversation_id, at) VALUES (conversation, at_now) RETURNING id INTO send_id;
            END IF;
        END;
        $$;
        """,

        // 4: a change may move the due date (legal staff accepting the requester's earlier date): its history line
        //    keeps the date it set. Each request keeps its stretches of waiting on the requester (PauseLog text), so a
        //    listing shows where each stands without reading its history; rows that never waited get the empty log,
        //    rows that did are left without one (NULL) and are read from their history.
        """
        ALTER TABLE request_history ADD COLUMN target_date date NULL;
        ALTER TABLE requests ADD COLUMN pauses text NULL;
        UPDATE requests r SET pauses = '' WHERE NOT EXISTS (
            SELECT 1 FROM request_history h WHERE h.number = r.number AND h.to_state IN ('WaitingOnRequester', 'NeedsInfo'));
        """,

        // 5: a send reserved but not yet completed counts as if it went now: the channel may take it at any moment
        //    until it completes, later than it was reserved. An instance that dies mid-send never completes its
        //    reservations, so that holds for at most in_flight after the reservation, from when it counts as sent.
        //    Rows from before carry no such doubt (done).
        """
        ALTER TABLE conversation_sends ADD COLUMN done boolean NOT NULL DEFAULT true;

        CREATE OR REPLACE FUNCTION conversation_sends_settle(done_ids bigint[], done_at timestamptz[], horizon_start timestamptz)
        RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE conversation_sends s SET at = greatest(s.at, d.at), done = true
            FROM unnest(done_ids, done_at) AS d (id, at)
            WHERE s.id = d.id;

            DELETE FROM conversation_sends
            WHERE id IN (SELECT id FROM conversation_sends WHERE at <= horizon_start LIMIT 1000 FOR UPDATE SKIP LOCKED);
        END;
        $$;

        DROP FUNCTION conversation_sends_reserve(text, timestamptz, interval[], integer[], bigint[], timestamptz[]);

        -- Returns the new send's id when every window has room, otherwise when to ask again.
        CREATE FUNCTION conversation_sends_reserve(
            conversation text, at_now timestamptz, lengths interval[], limits integer[],
            done_ids bigint[], done_at timestamptz[], in_flight interval,
            OUT send_id bigint, OUT retry_at timestamptz)
        LANGUAGE plpgsql AS $$
        DECLARE
            i       integer;
            counted integer;
            leaves  timestamptz;
        BEGIN
            PERFORM pg_advisory_xact_lock(hashtextextended('conversation_sends:' || conversation, 0));
            PERFORM conversation_sends_settle(done_ids, done_at, at_now - (SELECT max(l) FROM unnest(lengths) AS l) - in_flight);

            FOR i IN 1 .. cardinality(lengths) LOOP
                -- Each send counts from its completion, or from now while it may still be on its way.
                SELECT count(*) INTO counted FROM conversation_sends s
                WHERE s.conversation_id = conversation AND s.at > at_now - lengths[i] - in_flight
                  AND CASE WHEN s.done THEN s.at ELSE least(at_now, s.at + in_flight) END > at_now - lengths[i];
                IF counted >= limits[i] THEN
                    -- The window is full: it has room when the first send that must leave has left.
                    SELECT w.counts_from + lengths[i] INTO leaves FROM (
                        SELECT CASE WHEN s.done THEN s.at ELSE least(at_now, s.at + in_flight) END AS counts_from
                        FROM conversation_sends s
                        WHERE s.conversation_id = conversation AND s.at > at_now - lengths[i] - in_flight) AS w
                    WHERE w.counts_from > at_now - lengths[i]
                    ORDER BY w.counts_from OFFSET counted - limits[i] LIMIT 1;
                    retry_at := greatest(retry_at, leaves);
                END IF;
            END LOOP;

            IF retry_at IS NULL THEN
                INSERT INTO conversation_sends (conversation_id, at, done) VALUES (conversation, at_now, false) RETURNING id INTO send_id;
            END IF;
        END;
        $$;
        """,

        // 6: the documents kept with requests (IDocumentStore), one row per file with its bytes in the row, so every
        //    instance reads what another kept, and a row and its bytes are written by one statement: a row never names
        //    missing bytes. In the Microsoft 365 mode (Store:LocalProvider Postgres) the same table is the index of
        //    the files in the document library (IDocumentIndex): rows naming the library's item and no bytes. Its
        //    reference to requests is dropped at start there, like the outbox's. The name people gave a file is kept
        //    here only. The bytes of office files and PDFs are compressed already: they are stored without trying again.
        """
        CREATE TABLE request_documents (
            id               text        PRIMARY KEY,
            number           bigint      NOT NULL REFERENCES requests (number),
            name             text        NOT NULL,
            file_type        text        NOT NULL,
            size_bytes       bigint      NOT NULL,
            added_by_aad_id  text        NOT NULL,
            added_by_name    text        NOT NULL,
            added_at         timestamptz NOT NULL,
            added_ticks      smallint    NOT NULL CHECK (added_ticks BETWEEN 0 AND 9),
            library_item_id  text        NULL,
            web_url          text        NULL,
            content          bytea       NULL,
            CHECK ((library_item_id IS NULL) = (content IS NOT NULL))
        );

        ALTER TABLE request_documents ALTER COLUMN content SET STORAGE EXTERNAL;

        CREATE INDEX ix_request_documents_number ON request_documents (number, added_at, added_ticks, id);
        """,
    ];
}
