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
    ];
}
