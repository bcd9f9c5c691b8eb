namespace LegalBot.Store.Sqlite;

/// <summary>
/// The schema, as an ordered list of scripts. Script <c>i</c> takes the database from
/// <c>PRAGMA user_version = i</c> to <c>i + 1</c>. Never edit a released script; append a new one.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<string> Scripts { get; } =
    [
        // 1: requests and their append-only history.
        """
        CREATE TABLE requests (
            number              INTEGER PRIMARY KEY AUTOINCREMENT,
            submission_key      TEXT    NOT NULL UNIQUE,
            type_key            TEXT    NOT NULL,
            title               TEXT    NOT NULL,
            description         TEXT    NOT NULL,
            business_unit       TEXT    NOT NULL,
            counterparty        TEXT    NULL,
            priority            TEXT    NOT NULL,
            requested_due_date  TEXT    NULL,
            fields_json         TEXT    NOT NULL,
            requester_aad_id    TEXT    NOT NULL,
            requester_name      TEXT    NOT NULL,
            requester_email     TEXT    NULL,
            tenant_id           TEXT    NULL,
            state               TEXT    NOT NULL,
            assigned_to_aad_id  TEXT    NULL,
            assigned_to_name    TEXT    NULL,
            assigned_to_email   TEXT    NULL,
            created_at          TEXT    NOT NULL,
            updated_at          TEXT    NOT NULL,
            target_date         TEXT    NOT NULL,
            version             INTEGER NOT NULL
        ) STRICT;

        -- Request numbers are shown to people as LR-1001, LR-1002, ...
        INSERT INTO sqlite_sequence (name, seq) VALUES ('requests', 1000);

        CREATE INDEX ix_requests_requester ON requests (requester_aad_id, number DESC);

        CREATE TABLE request_history (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            number        INTEGER NOT NULL REFERENCES requests (number),
            at            TEXT    NOT NULL,
            actor_aad_id  TEXT    NOT NULL,
            actor_name    TEXT    NOT NULL,
            actor_email   TEXT    NULL,
            action        TEXT    NOT NULL,
            from_state    TEXT    NULL,
            to_state      TEXT    NOT NULL,
            note          TEXT    NULL
        ) STRICT;

        CREATE INDEX ix_request_history_number ON request_history (number, id);

        CREATE TRIGGER request_history_no_update BEFORE UPDATE ON request_history
        BEGIN
            SELECT RAISE(ABORT, 'request_history is append-only');
        END;

        CREATE TRIGGER request_history_no_delete BEFORE DELETE ON request_history
        BEGIN
            SELECT RAISE(ABORT, 'request_history is append-only');
        END;
        """,

        // 2: the workflow: completion, hours and rating on requests; the notification outbox; where the bot
        // can post proactively; and the cards it posted, to update them in place.
        """
        ALTER TABLE requests ADD COLUMN completed_at   TEXT    NULL;
        -- Invariant decimal text: exact digits, which REAL would round.
        ALTER TABLE requests ADD COLUMN hours_spent    TEXT    NULL;
        ALTER TABLE requests ADD COLUMN rating         INTEGER NULL;
        ALTER TABLE requests ADD COLUMN rating_comment TEXT    NULL;

        CREATE INDEX ix_requests_assignee ON requests (assigned_to_aad_id, state);

        -- Times here are UTC, so that text order is time order.
        CREATE TABLE outbox (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            key              TEXT    NOT NULL UNIQUE,
            number           INTEGER NOT NULL REFERENCES requests (number),
            recipient        TEXT    NOT NULL,
            kind             TEXT    NOT NULL,
            text             TEXT    NULL,
            created_at       TEXT    NOT NULL,
            next_attempt_at  TEXT    NOT NULL,
            attempts         INTEGER NOT NULL DEFAULT 0,
            status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
            delivered_at     TEXT    NULL,
            failed_at        TEXT    NULL,
            last_error       TEXT    NULL
        ) STRICT;

        CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at, id);
        CREATE INDEX ix_outbox_number ON outbox (number, status);

        CREATE TABLE posted_cards (
            number            INTEGER NOT NULL REFERENCES requests (number),
            recipient         TEXT    NOT NULL,
            conversation_key  TEXT    NOT NULL,
            activity_id       TEXT    NOT NULL,
            PRIMARY KEY (number, recipient, conversation_key)
        ) STRICT;

        CREATE TABLE conversation_addresses (
            key              TEXT    PRIMARY KEY NOT NULL,
            service_url      TEXT    NOT NULL,
            conversation_id  TEXT    NOT NULL,
            tenant_id        TEXT    NULL,
            channel_id       TEXT    NOT NULL,
            bot_id           TEXT    NOT NULL,
            updated_at       TEXT    NOT NULL
        ) STRICT;
        """,

        // 3: the id the channel gave a posted notification, saved before the row is marked delivered, so a retry
        // after a crash in between does not post the message again.
        """
        ALTER TABLE outbox ADD COLUMN activity_id TEXT NULL;
        """,

        // 4: finds a recipient's earlier pending rows about a request, which hold back the later ones while
        // they are retried.
        """
        CREATE INDEX ix_outbox_sequence ON outbox (number, recipient, status, id);
        """,

        // 5: each ALSP professional's open, completed and on-time counts, kept by triggers in the same
        // transaction as the change, so reading them does not aggregate the whole requests table (every
        // legal staff card with assignment suggestions reads them). A request counts for its assignee while
        // assigned, in progress or waiting on the requester (open), or completed; on time when completed on
        // or before the target date, taking the date where it was completed (the stored offset).
        """
        CREATE TABLE professional_stats (
            aad_id           TEXT    PRIMARY KEY NOT NULL,
            open_count       INTEGER NOT NULL,
            completed_count  INTEGER NOT NULL,
            on_time_count    INTEGER NOT NULL
        ) STRICT;

        INSERT INTO professional_stats (aad_id, open_count, completed_count, on_time_count)
        SELECT assigned_to_aad_id,
               COUNT(*) FILTER (WHERE state IN ('Assigned', 'InProgress', 'WaitingOnRequester')),
               COUNT(*) FILTER (WHERE state = 'Completed'),
               COUNT(*) FILTER (WHERE state = 'Completed' AND substr(completed_at, 1, 10) <= target_date)
        FROM requests
        WHERE assigned_to_aad_id IS NOT NULL AND state IN ('Assigned', 'InProgress', 'WaitingOnRequester', 'Completed')
        GROUP BY assigned_to_aad_id;

        CREATE TRIGGER requests_stats_insert AFTER INSERT ON requests
        WHEN NEW.assigned_to_aad_id IS NOT NULL
        BEGIN
            INSERT INTO professional_stats (aad_id, open_count, completed_count, on_time_count)
            VALUES (
                NEW.assigned_to_aad_id,
                NEW.state IN ('Assigned', 'InProgress', 'WaitingOnRequester'),
                NEW.state = 'Completed',
                NEW.state = 'Completed' AND IFNULL(substr(NEW.completed_at, 1, 10) <= NEW.target_date, 0))
            ON CONFLICT (aad_id) DO UPDATE SET
                open_count = open_count + excluded.open_count,
                completed_count = completed_count + excluded.completed_count,
                on_time_count = on_time_count + excluded.on_time_count;
        END;

        CREATE TRIGGER requests_stats_update AFTER UPDATE OF state, assigned_to_aad_id, completed_at, target_date ON requests
        BEGIN
            UPDATE professional_stats SET
                open_count = open_count - (OLD.state IN ('Assigned', 'InProgress', 'WaitingOnRequester')),
                completed_count = completed_count - (OLD.state = 'Completed'),
                on_time_count = on_time_count - (OLD.state = 'Completed' AND IFNULL(substr(OLD.completed_at, 1, 10) <= OLD.target_date, 0))
            WHERE aad_id = OLD.assigned_to_aad_id;

            INSERT INTO professional_stats (aad_id, open_count, completed_count, on_time_count)
            SELECT
                NEW.assigned_to_aad_id,
                NEW.state IN ('Assigned', 'InProgress', 'WaitingOnRequester'),
                NEW.state = 'Completed',
                NEW.state = 'Completed' AND IFNULL(substr(NEW.completed_at, 1, 10) <= NEW.target_date, 0)
            WHERE NEW.assigned_to_aad_id IS NOT NULL
            ON CONFLICT (aad_id) DO UPDATE SET
                open_count = open_count + excluded.open_count,
                completed_count = completed_count + excluded.completed_count,
                on_time_count = on_time_count + excluded.on_time_count;
        END;
        """,

        // 6: several copies of a request's card in one chat (the triage card, a later status) are all kept
        // current: one row per posted activity instead of one per chat, the latest few kept.
        """
        CREATE TABLE posted_cards_copies (
            id                INTEGER PRIMARY KEY AUTOINCREMENT,
            number            INTEGER NOT NULL REFERENCES requests (number),
            recipient         TEXT    NOT NULL,
            conversation_key  TEXT    NOT NULL,
            activity_id       TEXT    NOT NULL,
            UNIQUE (number, recipient, conversation_key, activity_id)
        ) STRICT;

        INSERT INTO posted_cards_copies (number, recipient, conversation_key, activity_id)
        SELECT number, recipient, conversation_key, activity_id FROM posted_cards;

        DROP TABLE posted_cards;
        ALTER TABLE posted_cards_copies RENAME TO posted_cards;
        CREATE INDEX ix_posted_cards_chat ON posted_cards (number, recipient, conversation_key, id);
        """,

        // 7: each history line keeps what its change set, so that history states it: who the request went to,
        // the hours logged, the rating given. Earlier lines have none (they were not recorded).
        """
        ALTER TABLE request_history ADD COLUMN assignee_aad_id  TEXT    NULL;
        ALTER TABLE request_history ADD COLUMN assignee_name    TEXT    NULL;
        ALTER TABLE request_history ADD COLUMN assignee_email   TEXT    NULL;
        -- Invariant decimal text, as requests.hours_spent.
        ALTER TABLE request_history ADD COLUMN hours_spent      TEXT    NULL;
        ALTER TABLE request_history ADD COLUMN rating           INTEGER NULL;
        """,

        // 8: what the bot keeps about each person between turns: the time zone their Teams client reports
        // (IANA name), so that every time shown to them, also in notifications, is in their zone.
        """
        CREATE TABLE user_settings (
            aad_id      TEXT    PRIMARY KEY NOT NULL,
            time_zone   TEXT    NOT NULL,
            updated_at  TEXT    NOT NULL
        ) STRICT;
        """,

        // 9: what each posted card shows (a hash of its content as last sent), so an update that would change
        // nothing is not sent: each one costs one of the chat's few messages per second.
        """
        ALTER TABLE posted_cards ADD COLUMN content_hash TEXT NULL;
        """,

        // 10: the change/outbox protocol (RequestChanges). Each history line keeps the id of the change that wrote
        // it, so a change applied twice is written once and the reconciler can ask whether a change landed.
        // Outbox rows can be staged (held under their change id, never due) before the change is written; a
        // new request's staged rows have no number until released, so the outbox is rebuilt with a nullable
        // number and the 'staged' status.
        """
        ALTER TABLE request_history ADD COLUMN change_id TEXT NULL;
        CREATE UNIQUE INDEX ux_request_history_change ON request_history (change_id) WHERE change_id IS NOT NULL;

        CREATE TABLE outbox_staged (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            key              TEXT    NOT NULL UNIQUE,
            number           INTEGER NULL REFERENCES requests (number),
            recipient        TEXT    NOT NULL,
            kind             TEXT    NOT NULL,
            text             TEXT    NULL,
            created_at       TEXT    NOT NULL,
            next_attempt_at  TEXT    NOT NULL,
            attempts         INTEGER NOT NULL DEFAULT 0,
            status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('staged', 'pending', 'delivered', 'failed')),
            delivered_at     TEXT    NULL,
            failed_at        TEXT    NULL,
            last_error       TEXT    NULL,
            activity_id      TEXT    NULL,
            change_id        TEXT    NULL,
            CHECK (status = 'staged' OR number IS NOT NULL)
        ) STRICT;

        INSERT INTO outbox_staged (id, key, number, recipient, kind, text, created_at, next_attempt_at, attempts, status,
                                   delivered_at, failed_at, last_error, activity_id)
        SELECT id, key, number, recipient, kind, text, created_at, next_attempt_at, attempts, status,
               delivered_at, failed_at, last_error, activity_id
        FROM outbox;

        DROP TABLE outbox;
        ALTER TABLE outbox_staged RENAME TO outbox;
        CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at, id);
        CREATE INDEX ix_outbox_number ON outbox (number, status);
        CREATE INDEX ix_outbox_sequence ON outbox (number, recipient, status, id);
        CREATE INDEX ix_outbox_change ON outbox (change_id, status);
        """,

        // 11: bot dialog state (IStateStore), which the host created itself before, outside these scripts: IF NOT
        // EXISTS keeps a table that is already there, with its rows. Every document now has an etag; rows written
        // without one get one here.
        """
        CREATE TABLE IF NOT EXISTS bot_state (
            key         TEXT NOT NULL PRIMARY KEY,
            etag        TEXT NULL,
            json        TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        ) STRICT;

        UPDATE bot_state SET etag = lower(hex(randomblob(16))) WHERE etag IS NULL;
        """,

        // 12: a notification key is unique among queued rows only. Two changes racing on one version owe the same
        // keyed notice; each stages its own copy under its change id, so the loser's drop cannot take the winner's.
        """
        CREATE TABLE outbox_keys (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            key              TEXT    NOT NULL,
            number           INTEGER NULL REFERENCES requests (number),
            recipient        TEXT    NOT NULL,
            kind             TEXT    NOT NULL,
            text             TEXT    NULL,
            created_at       TEXT    NOT NULL,
            next_attempt_at  TEXT    NOT NULL,
            attempts         INTEGER NOT NULL DEFAULT 0,
            status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('staged', 'pending', 'delivered', 'failed')),
            delivered_at     TEXT    NULL,
            failed_at        TEXT    NULL,
            last_error       TEXT    NULL,
            activity_id      TEXT    NULL,
            change_id        TEXT    NULL,
            CHECK (status = 'staged' OR number IS NOT NULL),
            CHECK (status <> 'staged' OR change_id IS NOT NULL)
        ) STRICT;

        INSERT INTO outbox_keys (id, key, number, recipient, kind, text, created_at, next_attempt_at, attempts, status,
                                 delivered_at, failed_at, last_error, activity_id, change_id)
        SELECT id, key, number, recipient, kind, text, created_at, next_attempt_at, attempts, status,
               delivered_at, failed_at, last_error, activity_id, change_id
        FROM outbox;

        DROP TABLE outbox;
        ALTER TABLE outbox_keys RENAME TO outbox;
        CREATE UNIQUE INDEX ux_outbox_key ON outbox (key) WHERE status <> 'staged';
        CREATE UNIQUE INDEX ux_outbox_staged_key ON outbox (change_id, key) WHERE status = 'staged';
        CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at, id);
        CREATE INDEX ix_outbox_number ON outbox (number, status);
        CREATE INDEX ix_outbox_sequence ON outbox (number, recipient, status, id);
        CREATE INDEX ix_outbox_change ON outbox (change_id, status);
        """,

        // 13: a change may move the due date (legal staff accepting the requester's earlier date): its history line
        // keeps the date it set. Each request keeps its stretches of waiting on the requester (PauseLog text), so a
        // listing shows where each stands without reading its history; rows that never waited get the empty log,
        // rows that did are left without one (NULL) and are read from their history.
        """
        ALTER TABLE request_history ADD COLUMN target_date TEXT NULL;
        ALTER TABLE requests ADD COLUMN pauses TEXT NULL;
        UPDATE requests SET pauses = '' WHERE NOT EXISTS (
            SELECT 1 FROM request_history h WHERE h.number = requests.number AND h.to_state IN ('WaitingOnRequester', 'NeedsInfo'));
        """,

        // 14: the documents kept with requests (IDocumentStore): one row per file, whose bytes are in a folder per
        // request beside the database file, named by the row's id. The name people gave it is kept here only.
        """
        CREATE TABLE request_documents (
            id              TEXT    PRIMARY KEY,
            number          INTEGER NOT NULL REFERENCES requests (number),
            name            TEXT    NOT NULL,
            file_type       TEXT    NOT NULL,
            size_bytes      INTEGER NOT NULL,
            added_by_aad_id TEXT    NOT NULL,
            added_by_name   TEXT    NOT NULL,
            added_at        TEXT    NOT NULL
        ) STRICT;

        CREATE INDEX ix_request_documents_number ON request_documents (number, added_at);
        """,

        // 15: documents whose bytes are in the Microsoft 365 mode's document library (IDocumentIndex, in that mode's
        // local file): the library's item and the address that opens it. NULL for files kept in the data folder.
        """
        ALTER TABLE request_documents ADD COLUMN library_item_id TEXT NULL;
        ALTER TABLE request_documents ADD COLUMN web_url TEXT NULL;
        """,
    ];
}
