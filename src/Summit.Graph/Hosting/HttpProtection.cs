using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Summit.Graph.Hosting;

/// <summary>Section <c>Cors</c>: which browser origins may call the API, and which of them may edit.</summary>
public sealed class CorsSettings
{
    public const string Section = "Cors";

    /// <summary>Origins whose pages may read (GET and POST queries, no <c>Authorization</c>); none listed, or <c>*</c>, for any.</summary>
    public string[] ReadOrigins { get; set; } = [];

    /// <summary>Origins whose pages may also send <c>Authorization</c>, so keys and mutations; none by default.</summary>
    public string[] EditOrigins { get; set; } = [];
}

/// <summary>Section <c>Https</c>: for a server that terminates TLS itself (usually a proxy in front does).</summary>
public sealed class HttpsSettings
{
    public const string Section = "Https";

    /// <summary>Redirects plain HTTP to HTTPS and sends <c>Strict-Transport-Security</c> on HTTPS responses.</summary>
    public bool Enabled { get; set; }

    /// <summary>The HTTPS port redirects go to; unset, the port Kestrel listens on with HTTPS.</summary>
    public int? Port { get; set; }

    public int HstsMaxAgeDays { get; set; } = 365;
}

/// <summary>Security headers on every response, CORS per origin, and HTTPS redirection with HSTS when enabled.</summary>
public static class HttpProtection
{
    public static WebApplicationBuilder AddSummitHttpProtection(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<CorsSettings>(builder.Configuration.GetSection(CorsSettings.Section));
        services.Configure<HttpsSettings>(builder.Configuration.GetSection(HttpsSettings.Section));
        services.AddCors();
        services.Replace(ServiceDescriptor.Singleton<ICorsPolicyProvider, OriginPolicies>());
        services.AddOptions<HstsOptions>().Configure<IOptions<HttpsSettings>>((hsts, https) => hsts.MaxAge = TimeSpan.FromDays(https.Value.HstsMaxAgeDays));
        services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<HttpsSettings>>((redirection, https) => redirection.HttpsPort = https.Value.Port);
        return builder;
    }

    public static WebApplication UseSummitHttpProtection(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<HttpsSettings>>().Value.Enabled)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return next(http);
        });
        app.UseCors();
        return app;
    }

    /// <summary>
    /// Edit origins get any request header, <c>Authorization</c> included; read origins only what a query
    /// needs, so a page from elsewhere cannot make a visitor's browser send a key. Other origins get no CORS headers.
    /// </summary>
    private sealed class OriginPolicies : ICorsPolicyProvider
    {
        private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Post];
        private static readonly string[] Exposed = ["ETag", "Retry-After"];
        private readonly HashSet<string> editOrigins;
        private readonly HashSet<string> readOrigins;
        private readonly bool anyReader;
        private readonly CorsPolicy editPolicy;
        private readonly CorsPolicy readPolicy;

        public OriginPolicies(IOptions<CorsSettings> options)
        {
            var settings = options.Value;
            editOrigins = new HashSet<string>(settings.EditOrigins.Select(Normalise), StringComparer.OrdinalIgnoreCase);
            readOrigins = new HashSet<string>(settings.ReadOrigins.Select(Normalise), StringComparer.OrdinalIgnoreCase);
            anyReader = readOrigins.Count == 0 || readOrigins.Contains("*");
            editPolicy = new CorsPolicyBuilder().WithOrigins([.. editOrigins]).WithMethods(Methods).AllowAnyHeader().WithExposedHeaders(Exposed)
                .SetPreflightMaxAge(TimeSpan.FromHours(1)).Build();
            var read = new CorsPolicyBuilder().WithMethods(Methods).WithHeaders("Content-Type", "Accept", "If-None-Match").WithExposedHeaders(Exposed)
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
            readPolicy = (anyReader ? read.AllowAnyOrigin() : read.WithOrigins([.. readOrigins])).Build();
        }

        public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
        {
            var origin = Normalise(context.Request.Headers.Origin.ToString());
            return Task.FromResult(
                origin.Length == 0 ? null
                : editOrigins.Contains(origin) ? editPolicy
                : anyReader || readOrigins.Contains(origin) ? readPolicy
                : null);
        }

        private static string Normalise(string origin) => origin.TrimEnd('/');
    }
}
