using LegalBot.Core.Workflow;

namespace LegalBot.Application.Workflow;

/// <summary>Why a workflow action was refused, as the log records it.</summary>
public enum RefusalReason
{
    /// <summary>The request does not exist, or the actor may not see it (the two are answered alike).</summary>
    NotVisible,

    /// <summary>The card showed an older version of the request than the current one.</summary>
    StaleVersion,

    /// <summary>The actor is none of the parties who may take the action (<see cref="WorkflowRefusal.NotYourAction"/>).</summary>
    NotYourAction,

    /// <summary>The actor may take the action, but not in the request's current state (<see cref="WorkflowRefusal.WrongState"/>).</summary>
    WrongState,

    /// <summary>The button names no action the workflow knows.</summary>
    UnknownAction,

    /// <summary>The button names no request.</summary>
    NoRequestNumber,
}
