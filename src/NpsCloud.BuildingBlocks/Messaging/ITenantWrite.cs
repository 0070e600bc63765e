namespace NpsCloud.BuildingBlocks.Messaging;

/// <summary>
/// Marks a request that changes a tenant's data. The pipeline refuses it with 402 <c>trial_expired</c>
/// when the tenant's trial is over; reads stay open.
/// </summary>
public interface ITenantWrite;
