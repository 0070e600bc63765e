namespace NpsCloud.Webhooks;

/// <summary>The key of the module's texts (Resources/WebhooksText.resx and .tr.resx): the pages, the email, validation.</summary>
internal sealed class WebhooksText;
