namespace LegalBot.Core.Access;

/// <summary>The <c>Roles</c> configuration section. A later release reads these from the directory.</summary>
public sealed class RoleOptions
{
    public const string Section = "Roles";

    /// <summary>AAD object ids of in-house legal staff: they may see every request.</summary>
    public List<string> LegalStaff { get; set; } = [];

    /// <summary>The ALSP roster: professionals legal staff can assign requests to.</summary>
    public List<AlspProfessional> Alsp { get; set; } = [];
}
