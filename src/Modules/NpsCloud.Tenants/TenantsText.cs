namespace NpsCloud.Tenants;

/// <summary>The key of the module's texts (Resources/TenantsText.resx and .tr.resx): validation messages, emails, pages.</summary>
internal sealed class TenantsText;
