namespace NpsCloud.FollowUps;

/// <summary>The key of the module's texts (Resources/FollowUpsText.resx and .tr.resx): the inbox, the case page, the emails, validation.</summary>
internal sealed class FollowUpsText;
