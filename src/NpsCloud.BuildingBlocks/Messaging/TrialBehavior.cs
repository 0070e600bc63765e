using MediatR;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.BuildingBlocks.Messaging;

/// <summary>An expired trial keeps every byte and can read, but writes answer 402 until an operator activates the tenant.</summary>
internal sealed class TrialBehavior<TRequest, TResponse>(ITenantContext tenant, IMediator mediator) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is ITenantWrite && tenant.TenantId is { } tenantId)
        {
            var profile = await mediator.Send(new GetTenantProfile(tenantId), cancellationToken);
            if (!profile.CanWrite) throw new TrialExpiredException(profile.TrialEndsAt);
        }

        return await next();
    }
}

public sealed class TrialExpiredException(DateTimeOffset endedAt) : DomainException(
    402, "trial_expired", "The trial has ended",
    $"The 14-day trial ended on {endedAt:yyyy-MM-dd}. Your data is kept and can be read; to make changes, ask us to activate your account.");
