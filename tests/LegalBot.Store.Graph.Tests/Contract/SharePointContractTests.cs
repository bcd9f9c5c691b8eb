using LegalBot.Store.Tests;

namespace LegalBot.Store.Graph.Tests.Contract;

/// <summary>The request store contract, unchanged, against requests in SharePoint lists through Graph.</summary>
public sealed class SharePointRequestStoreTests : RequestStoreContract<SharePointBackend>;

/// <summary>The workflow store contract (changes, the change/outbox protocol, the outbox), unchanged, with requests in SharePoint.</summary>
public sealed partial class SharePointWorkflowStoreTests : WorkflowStoreContract<SharePointBackend>;

/// <summary>The workflow store contract with requests in SharePoint and the outbox in a PostgreSQL database several instances share.</summary>
public sealed class SharePointPostgresWorkflowStoreTests : WorkflowStoreContract<SharePointPostgresBackend>;

/// <summary>The metrics' facts contract, unchanged, read from the two lists' delta feeds.</summary>
public sealed partial class SharePointRequestFactsTests : RequestFactsContract<SharePointBackend>;
