using NpsCloud.BuildingBlocks.Hosting;

namespace NpsCloud.Webhooks.Features.ChatChannels;

/// <summary>Wakes the chat dispatchers as soon as a post is queued, instead of at their next poll.</summary>
internal sealed class ChatSignal : WakeSignal;
