namespace NpsCloud.Scoring;

/// <summary>The key of the module's texts (Resources/ScoringText.resx and .tr.resx): the dashboard.</summary>
internal sealed class ScoringText;
