namespace LegalBot.Bot;

/// <summary>An activity from a tenant outside <c>Bot:AllowedTenants</c>; answered with 403.</summary>
public sealed class TenantNotAllowedException : Exception
{
    public TenantNotAllowedException()
        : base("The activity's tenant is not allowed.")
    {
    }

    public TenantNotAllowedException(string message)
        : base(message)
    {
    }

    public TenantNotAllowedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
