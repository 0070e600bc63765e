namespace NpsCloud.Responses;

/// <summary>The key of the module's texts (Resources/ResponsesText.resx and .tr.resx): the response page, the list, validation.</summary>
internal sealed class ResponsesText;
