using LegalBot.Testing;

namespace LegalBot.Tests.Security;

/// <summary>The tests that need the trusted loopback certificate run one after another and share it.</summary>
[CollectionDefinition(Name)]
public sealed class IdentityServerCollection : ICollectionFixture<LoopbackTls>
{
    public const string Name = "Identity server";
}
