namespace NpsCloud.Surveys.Features.Members;

/// <summary>A relationship survey's audience: contacts by id, or addresses (added as contacts when new).</summary>
internal sealed record MembersInput(string[]? Emails, Guid[]? ContactIds);
