namespace LegalBot.Core.Requests;

public enum Priority
{
    Low,
    Normal,
    High,
    Urgent,
}
