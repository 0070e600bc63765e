using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Microsoft.OpenApi;
using NpsCloud.BuildingBlocks;
using NpsCloud.BuildingBlocks.Email;
using NpsCloud.BuildingBlocks.Scheduling;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Host;
using NpsCloud.Host.Admin;
using NpsCloud.Host.Authentication;
using NpsCloud.Host.Configuration;
using NpsCloud.Host.Health;

var builder = WebApplication.CreateBuilder(args);
builder.AddNpsEnvironment(args);
if (args is ["healthcheck", ..])
{
    return await HealthProbe.RunAsync(builder.Configuration);
}

builder.Services.AddBuildingBlocks(builder.Configuration, Modules.Assemblies);
builder.Services.AddModules(builder.Configuration);
builder.Services.AddAppAuthentication(builder.Configuration);
builder.Services.AddClusteredScheduler(builder.Configuration);
builder.Services.AddHostedService<DemoDataStartup>();
builder.Services.PostConfigure<EmailOptions>(email =>
{
    if (builder.Configuration["Email:PickupDirectory"] is not { Length: > 0 })
    {
        email.PickupDirectory = Path.Combine(NpsEnvironment.DataDirectory(builder.Configuration), "mail");
    }
});

builder.Services.AddSingleton<IProblemDetailsWriter, ApiProblemDetailsWriter>();
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
    context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
// Bad input to an endpoint throws, so the handler above answers a problem naming the field (in every environment).
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddNpsHealthChecks();
builder.Services.AddNpsRateLimits(builder.Configuration);
builder.Services.AddOpenApi(options =>
{
    options.AddDocumentTransformer((document, _, _) =>
    {
        document.Info = new OpenApiInfo
        {
            Title = "NpsCloud API",
            Version = "v1",
            Description = "The tenant REST API of NpsCloud: sign-up, departments, users, API keys, contacts, surveys and requests, responses, NPS metrics, goals, follow-ups and webhooks. " +
                "Lists are paged with cursors (limit, next, Link). Authenticate with an API key (Authorization: Bearer nps_live_…). Errors are RFC 9457 problem+json.",
        };
        return Task.CompletedTask;
    });
    OpenApiSecurity.AddApiKeyScheme(options);
    OpenApiIdempotency.AddIdempotencyKeyHeader(options);
    OpenApiContract.AddContract(options);
});

// Outside Development every request a person makes arrives over HTTPS (directly, or from a proxy that says
// so with X-Forwarded-Proto and BehindProxy): HSTS makes the browser keep it that way for a year, and the
// session cookies (the session, the second-factor step, the remembered device) are __Host- cookies,
// always Secure (Authentication/AppAuthentication.cs). Browsers accept Secure cookies from
// http://127.0.0.1 and localhost too, so ./nps run works. Development serves plain http to clients that
// are not browsers (the in-memory test server), where a Secure cookie never comes back: there these
// cookies keep their plain names and are Secure only over HTTPS. (The antiforgery cookie keeps ASP.NET Core's
// defaults: with SecurePolicy Always, antiforgery refuses every plain-http request, loopback included.)
builder.Services.AddHsts(hsts => hsts.MaxAge = builder.Configuration.GetValue("Hsts:MaxAge", TimeSpan.FromDays(365)));
if (builder.Environment.IsDevelopment())
{
    builder.Services.PostConfigureAll<CookieAuthenticationOptions>(cookie =>
    {
        if (cookie.Cookie.Name?.StartsWith("__Host-", StringComparison.Ordinal) is true)
        {
            cookie.Cookie.Name = cookie.Cookie.Name["__Host-".Length..];
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
    });
}

builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
builder.Services.Configure<RequestLocalizationOptions>(options =>
{
    string[] cultures = ["en", "tr"];
    options.SetDefaultCulture("en").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
    // The language switch writes the cookie; without it the browser's Accept-Language decides.
    options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
});
builder.Services.AddRazorPages().AddViewLocalization()
    .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (form, factory) =>
        LocalizedModelBinding.ModuleText(factory, form) ?? factory.Create(typeof(NpsCloud.BuildingBlocks.BuildingBlocksText)))
    .ConfigureApplicationPartManager(parts => Modules.AddPages(parts));
// MVC's own messages (binding, the required check of a form's strings) in the reader's language, naming fields as the pages do;
// registered after Razor Pages, so it runs after the data annotations setup that adds the implicit [Required].
builder.Services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Mvc.MvcOptions>, LocalizedModelBinding>();
// Turkish letters as themselves in the HTML, not as numeric entities.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

var app = builder.Build();

if (args is ["admin", .. var adminArguments])
{
    return await AdminCommandRunner.RunAsync(app.Services, adminArguments);
}

if (app.Configuration.GetValue("BehindProxy", false))
{
    // Behind a load balancer or reverse proxy: the client address (rate limits, logs) and the scheme
    // (secure cookies) come from X-Forwarded-For and X-Forwarded-Proto. Never set this on a host that
    // clients reach directly: they could claim any address.
    var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
    forwarded.KnownIPNetworks.Clear();
    forwarded.KnownProxies.Clear();
    app.UseForwardedHeaders(forwarded);
}

if (!app.Environment.IsDevelopment())
{
    // Only on HTTPS requests (after the forwarded scheme above), never for localhost.
    app.UseHsts();
}

app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseExceptionHandler("/Error");
app.UseWhen(context => ApiRequests.IsApi(context.Request.Path), api => api.UseStatusCodePages());
app.UseWhen(context => !ApiRequests.IsApi(context.Request.Path), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
app.UseMiddleware<RequestLoggingMiddleware>();
app.UseRequestLocalization(app.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseMiddleware<TenantContextMiddleware>();
app.UseRateLimiter();
app.UseMiddleware<ApiKeyRateLimitMiddleware>();
app.UseAuthorization();
app.UseMiddleware<DepartmentRuleMiddleware>();
app.UseMiddleware<IdempotencyMiddleware>();

app.MapNpsHealthChecks();
app.MapOpenApi("/openapi/{documentName}.json").WithDepartmentRule(DepartmentAccess.NoDepartmentData);
app.UseSwaggerUI(options =>
{
    options.RoutePrefix = "docs";
    options.SwaggerEndpoint("/openapi/v1.json", "NpsCloud API v1");
    options.DocumentTitle = "NpsCloud API";
});
app.MapRazorPages();

// Fail closed: every API endpoint needs at least a read key unless it says otherwise (sign-up).
var api = app.MapGroup("/api/v1").RequireAuthorization(ApiAuthorization.Read);
foreach (var endpoints in app.Services.GetServices<IApiEndpoints>())
{
    endpoints.Map(api);
}

foreach (var endpoints in app.Services.GetServices<IPublicEndpoints>()) endpoints.MapPublic(app);

await app.RunAsync();
return 0;

public partial class Program;
