using LegalBot.Application.Workflow;
using LegalBot.Core.Requests;

namespace LegalBot.Application.Tests;

/// <summary>The application layer and the domain stay free of the chat layer and of Bot Framework, so any entry point can call them.</summary>
public sealed class LayeringTests
{
    [Theory]
    [InlineData(typeof(WorkflowService))]
    [InlineData(typeof(LegalRequest))]
    public void Assembly_ReferencesNeitherBotFrameworkNorTheChatLayer(Type anyType)
    {
        var references = anyType.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.Bot", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("LegalBot.Conversations", StringComparison.Ordinal));
    }
}
