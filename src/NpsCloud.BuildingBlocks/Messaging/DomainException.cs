namespace NpsCloud.BuildingBlocks.Messaging;

/// <summary>
/// An expected refusal a handler reports to its caller; the host turns it into a problem+json response
/// with the given status and a stable <see cref="Code"/> (the problem's <c>type</c> is
/// <c>urn:npscloud:problem:{code}</c>). Use the subclasses so the reason is explicit at the throw site.
/// </summary>
public abstract class DomainException(int statusCode, string code, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Code { get; } = code;
    public string Title { get; } = title;
}

/// <summary>The object does not exist for this tenant (another tenant's id answers this too).</summary>
public sealed class NotFoundException(string what) : DomainException(404, "not_found", "Not found", $"{what} was not found.");

/// <summary>The request clashes with the current state (a duplicate name, an invalid transition).</summary>
public sealed class ConflictException(string detail) : DomainException(409, "conflict", "Conflict", detail);

/// <summary>A file sent as a content type the endpoint does not read.</summary>
public sealed class UnsupportedMediaTypeException(string detail) : DomainException(415, "unsupported_media_type", "Unsupported file type", detail);
