namespace LegalBot.Store.Tests;

public sealed class PostgresWorkflowStoreTests : WorkflowStoreContract<PostgresBackend>;
