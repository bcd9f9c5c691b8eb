namespace LegalBot.Tests.Workflow;

// The workflow's host-level tests, unchanged, with everything in PostgreSQL (Store:Provider=Postgres): requests and
// history, dialog state, the outbox, posted cards, addresses and the send ledger.

/// <summary><see cref="WorkflowTests"/> on PostgreSQL.</summary>
public sealed class WorkflowTestsOnPostgres : WorkflowTests
{
    protected override bool OnPostgres => true;
}

/// <summary><see cref="CardUpdateTests"/> on PostgreSQL.</summary>
public sealed class CardUpdateTestsOnPostgres : CardUpdateTests
{
    protected override bool OnPostgres => true;
}

/// <summary><see cref="FallbackPressTests"/> on PostgreSQL.</summary>
public sealed class FallbackPressTestsOnPostgres : FallbackPressTests
{
    protected override bool OnPostgres => true;
}

/// <summary><see cref="NoticeTests"/> on PostgreSQL.</summary>
public sealed class NoticeTestsOnPostgres : NoticeTests
{
    protected override bool OnPostgres => true;
}

/// <summary><see cref="RefusalLogTests"/> on PostgreSQL.</summary>
public sealed class RefusalLogTestsOnPostgres : RefusalLogTests
{
    protected override bool OnPostgres => true;
}
