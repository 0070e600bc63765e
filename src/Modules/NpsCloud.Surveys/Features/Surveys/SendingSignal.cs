namespace NpsCloud.Surveys.Features.Surveys;

/// <summary>Wakes the senders as soon as an invitation is due now, instead of at their next poll.</summary>
internal sealed class SendingSignal : NpsCloud.BuildingBlocks.Hosting.WakeSignal;
