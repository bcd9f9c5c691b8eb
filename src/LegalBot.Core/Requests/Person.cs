namespace LegalBot.Core.Requests;

/// <summary>Someone known by their Microsoft Entra (AAD) object id, as Teams reports it.</summary>
public sealed record Person(string AadObjectId, string Name, string? Email = null);
