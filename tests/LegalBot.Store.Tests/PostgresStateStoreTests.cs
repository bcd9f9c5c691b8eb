namespace LegalBot.Store.Tests;

public sealed class PostgresStateStoreTests : StateStoreContract<PostgresBackend>;
