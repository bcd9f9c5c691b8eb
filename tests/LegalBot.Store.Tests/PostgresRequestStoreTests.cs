namespace LegalBot.Store.Tests;

public sealed class PostgresRequestStoreTests : RequestStoreContract<PostgresBackend>;
