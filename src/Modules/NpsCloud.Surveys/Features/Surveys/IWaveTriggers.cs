using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Surveys;

/// <summary>
/// The relationship surveys' wave triggers, as the features see them; the Quartz triggers themselves live
/// in the sending machinery (<c>Sending/WaveTriggers</c>), which the features do not reference.
/// </summary>
internal interface IWaveTriggers
{
    Task ApplyAsync(Survey survey, string timeZone, bool hadWave, DateTimeOffset now, CancellationToken cancellationToken);

    Task<DateTimeOffset?> NextWaveAsync(Guid tenantId, Guid surveyId, CancellationToken cancellationToken);

    Task<DateTimeOffset?> WaveAtOrAfterAsync(Guid tenantId, Guid surveyId, DateTimeOffset from, CancellationToken cancellationToken);
}
