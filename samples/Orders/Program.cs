using McpGen;
using McpGen.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Orders: an MCP server over Streamable HTTP that requires OAuth 2.1 access tokens (MCP authorization).
// Usage: Orders --issuer https://login.example.com [--resource https://mcp.example.com/mcp] [--urls http://127.0.0.1:5080]
//               [--introspect client_id:client_secret [--introspection-cache seconds]]
//   --issuer      the authorization server that issues access tokens for this server (its issuer identifier)
//   --resource    this server's canonical URI, the audience of its tokens (default: derived from each request)
//   --urls        where Kestrel listens (port 0 picks a free port; the address is printed)
//   --introspect  opaque tokens: validate them by RFC 7662 introspection with these client credentials
//                 (default: JWT access tokens, validated locally with the issuer's published keys)
string? issuer = Option("--issuer") ?? Environment.GetEnvironmentVariable("ORDERS_ISSUER");
if (issuer is null || !Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri))
{
    Console.Error.WriteLine("Usage: Orders --issuer <authorization server URL> [--resource <this server's /mcp URL>] [--urls <listen URL>]");
    return 2;
}
string? resource = Option("--resource");
// How long an introspection answer is remembered (default 30 s: a revoked token is refused at the latest that long after).
var introspectionCache = Option("--introspection-cache") is { } seconds
    ? TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture))
    : TimeSpan.FromSeconds(30);
IMcpTokenValidator validator = Option("--introspect")?.Split(':', 2) is [var clientId, var clientSecret]
    ? new IntrospectionTokenValidator(new() { Issuer = issuerUri, ClientId = clientId, ClientSecret = clientSecret, CacheDuration = introspectionCache })
    : new JwtTokenValidator(issuerUri);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseUrls(Option("--urls") ?? "http://127.0.0.1:5080");
builder.Services.AddMcpServer(o =>
{
    o.ServerInfo = new() { Name = "mcpgen-orders", Version = "1.0.0" };
    o.Add(McpGen.Generated.GeneratedMcpRegistry.Instance);
});
var app = builder.Build();
app.MapMcp("/mcp", http => http.Authorization = new McpAuthorizationOptions
{
    Resource = resource is null ? null : new Uri(resource),
    AuthorizationServers = { issuerUri },
    TokenValidator = validator,
    ChallengeScopes = ["orders:read"],  // what a client asks for first; orders:write comes by step-up when needed
    ResourceName = "McpGen orders sample",
});
await app.StartAsync();
foreach (var address in app.Urls) Console.WriteLine($"Listening on {address}/mcp");
await app.WaitForShutdownAsync();
return 0;

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
