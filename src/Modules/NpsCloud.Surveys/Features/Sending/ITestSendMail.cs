using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Sending;

/// <summary>
/// The test email as the features see it: the survey's own invitation, marked as a test. The message
/// itself is composed by the sending machinery (<c>Sending/TestSendMail</c>), which the features do not reference.
/// </summary>
internal interface ITestSendMail
{
    Task SendAsync(Survey survey, TenantProfile profile, TestSend test, string token, CancellationToken cancellationToken);
}
