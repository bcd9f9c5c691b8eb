using System.Reflection;
using LegalBot.Cards;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LegalBot.Tests.Workflow;

/// <summary>
/// The request store is throttled or unreachable (a SharePoint list behind Graph, a database restarting): users are
/// told plainly to try again shortly, nothing changes, and the same message or click works once the store is back,
/// with the conversation where it was.
/// </summary>
public sealed class StoreUnavailableTests : HostTestBase
{
    private volatile bool down;

    protected override void ConfigureServices(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IRequestStore));
        services.Remove(registered);
        services.AddSingleton(sp =>
        {
            var inner = (IRequestStore)registered.ImplementationFactory!(sp);
            var proxy = DispatchProxy.Create<IRequestStore, Unavailable>();
            ((Unavailable)(object)proxy).Wire(inner, () => down);
            return proxy;
        });
    }

    [Fact]
    public async Task ConfirmingAnIntake_WhileTheStoreIsDown_SaysTryAgainShortly_AndTheSameConfirmFilesOnceItIsBack()
    {
        var requester = As(TeamsUser.Requester);
        var confirm = await Scenarios.ReviewNdaAsync(requester);

        down = true;
        var refused = await requester.SubmitAsync(confirm.DeepClone().AsObject());
        down = false;
        var filed = await requester.SubmitAsync(confirm);

        Assert.Equal("I can't reach the request list right now, so nothing was changed. Please try again shortly.", Assert.Single(refused.Texts));
        Assert.Empty(refused.Cards);
        Assert.Contains("LR-", filed.AllText, StringComparison.Ordinal);
        Assert.Single((await Store.ListByRequesterAsync(TeamsUser.Requester.AadObjectId, null, 10)).Items);
        Assert.DoesNotContain(Logs.Entries, e => e.EventId.Id == 1000);
        Assert.Contains(Logs.Entries, e => e.EventId.Id == 1011);
    }

    [Fact]
    public async Task ACardAction_WhileTheStoreIsDown_AnswersOnTheCard_AndChangesNothing()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var staff = As(TeamsUser.LegalStaff);
        var card = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        var assignee = new System.Text.Json.Nodes.JsonObject { [CardActions.InputId(WorkflowAction.Assign, CardActions.AssigneeField)] = TeamsUser.Alsp.AadObjectId };

        down = true;
        var refused = await staff.ExecuteAsync(card, "Assign", assignee);
        down = false;
        var assigned = await staff.ExecuteAsync(card, "Assign", assignee);

        Assert.Equal("I can't reach the request list right now, so nothing was changed. Please try again shortly.", refused.Message);
        Assert.Contains("Assigned", assigned.Card.Json(), StringComparison.Ordinal);
    }

    /// <summary>Throws as a store behind Graph does once throttling outlasts its retries, while the switch is on.</summary>
    public class Unavailable : DispatchProxy
    {
        private IRequestStore inner = null!;
        private Func<bool> isDown = () => false;

        public void Wire(IRequestStore store, Func<bool> down)
        {
            inner = store;
            isDown = down;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (isDown())
            {
                throw new RequestStoreUnavailableException("Throttled (429) beyond the retries.");
            }

            try
            {
                return targetMethod.Invoke(inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }
    }
}
