namespace LegalBot.Tests.Infrastructure;

/// <summary>A Teams user as the channel identifies them: a channel id (29:…), an AAD object id, a tenant.</summary>
public sealed record TeamsUser(string Name, string AadObjectId, string Email, string TenantId)
{
    public const string DefaultTenant = "8f3c2a6e-0d1b-4c5e-9a7f-2b6d4e8c1a90";

    public string ChannelUserId => "29:" + AadObjectId;

    /// <summary>The 1:1 conversation between this user and the bot.</summary>
    public string PersonalConversationId => "a:personal-" + AadObjectId;

    public static TeamsUser Requester { get; } = new("Business Requester", "3f1e5b7a-2c4d-4e6f-8a9b-0c1d2e3f4a5b", "requester@contoso.example", DefaultTenant);

    public static TeamsUser OtherRequester { get; } = new("Second Requester", "7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", "sales@contoso.example", DefaultTenant);

    public static TeamsUser LegalStaff { get; } = new("Legal Counsel", "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e", "legal@contoso.example", DefaultTenant);
}
