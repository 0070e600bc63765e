namespace NpsCloud.Goals;

/// <summary>The key of the module's texts (Resources/GoalsText.resx and .tr.resx): department pages and review digests.</summary>
internal sealed class GoalsText;
