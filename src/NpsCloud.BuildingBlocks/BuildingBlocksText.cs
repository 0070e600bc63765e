namespace NpsCloud.BuildingBlocks;

/// <summary>The key of the building blocks' own texts (Resources/BuildingBlocksText.resx and .tr.resx): messages every module shares.</summary>
public sealed class BuildingBlocksText;
