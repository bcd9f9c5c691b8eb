namespace LegalBot.Testing;

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

    public static TeamsUser SecondLegalStaff { get; } = new("Legal Operations", "c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f", "legalops@contoso.example", DefaultTenant);

    /// <summary>An ALSP professional who specialises in NDAs; has never written to the bot.</summary>
    public static TeamsUser Alsp { get; } = new("ALSP Professional One", "d4e5f6a7-b8c9-4d0e-9f1a-3b4c5d6e7f80", "alsp1@provider.example", DefaultTenant);

    /// <summary>Another ALSP professional (contract reviews).</summary>
    public static TeamsUser SecondAlsp { get; } = new("ALSP Professional Two", "e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8091", "alsp2@provider.example", DefaultTenant);
}
