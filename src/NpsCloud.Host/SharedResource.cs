namespace NpsCloud.Host;

/// <summary>The key of the UI texts shared by the shell (Resources/SharedResource.resx, .tr.resx).</summary>
public sealed class SharedResource;
