using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Members;

/// <summary>A relationship survey's audience: contacts by id, or addresses (added as contacts when new).</summary>
internal sealed record MembersInput(string[]? Emails, Guid[]? ContactIds);
