using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Tenants.Features.Accounts;
using NpsCloud.Tenants.Domain;
using System.Security.Cryptography;
using System.Text.Json;

namespace NpsCloud.Tenants.Features.Users;

/// <param name="Active">False while the account is deactivated (signing in is refused); <paramref name="DeactivatedAt"/> says since when.</param>
internal sealed record UserView(Guid Id, string Email, string Name, string Role, Guid[] DepartmentIds, bool LockedOut, DateTimeOffset CreatedAt, bool Active, DateTimeOffset? DeactivatedAt);

internal sealed record InvitationView(Guid Id, string Email, string Role, Guid[] DepartmentIds, DateTimeOffset ExpiresAt);
