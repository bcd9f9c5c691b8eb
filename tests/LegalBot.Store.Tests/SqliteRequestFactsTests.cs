namespace LegalBot.Store.Tests;

public sealed class SqliteRequestFactsTests : RequestFactsContract<SqliteBackend>;
