namespace NpsCloud.Surveys;

/// <summary>The key of the module's texts (Resources/SurveysText.resx and .tr.resx): questions, emails, pages.</summary>
internal sealed class SurveysText;
