namespace LegalBot.Tests.Infrastructure;

/// <summary>
/// Trait values for <c>[Trait("Category", …)]</c>, so the fast tests can run on their own:
/// <c>dotnet test LegalBot.sln --filter "Category!=EndToEnd&amp;Category!=Fault"</c>.
/// </summary>
public static class TestCategories
{
    public const string Name = "Category";

    /// <summary>The Agents Playground driven in headless Chromium.</summary>
    public const string EndToEnd = "EndToEnd";

    /// <summary>Injected faults: killed processes, locked databases, failing channels, bursts.</summary>
    public const string Fault = "Fault";
}
