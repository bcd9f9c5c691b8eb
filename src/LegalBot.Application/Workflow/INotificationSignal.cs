namespace LegalBot.Application.Workflow;

/// <summary>Wakes the notification dispatcher after a change is saved, so notifications go out at once.</summary>
public interface INotificationSignal
{
    void Notify();
}
