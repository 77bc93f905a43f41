using McpGen;
using McpGen.AspNetCore;

var builder = WebApplication.CreateSlimBuilder(args);       // the slim builder: what native AOT publishes
builder.Services.AddMcpServer(o =>
{
    o.ServerInfo = new() { Name = "MyMcpServer", Version = "0.1.0" };
    o.Add(McpGen.Generated.GeneratedMcpRegistry.Instance);   // generated at compile time from the [McpTool] methods
});

var app = builder.Build();
app.MapMcp("/mcp", http =>
{
    // Public names this server is reached by (Host and Origin are checked against them; loopback is always allowed):
    // http.AllowedHosts.Add("mcp.example.com");

    // Scale-out: no sessions, any replica answers any request.
    // http.Stateless = true; http.JsonResponses = true;

    // OAuth 2.1 (MCP authorization): the endpoint becomes a protected resource; tokens from your authorization
    // server are validated (JWT with the issuer's keys), and [McpTool(Scopes = ["..."])] is enforced.
    // var issuer = new Uri("https://login.example.com");
    // http.Authorization = new McpAuthorizationOptions
    // {
    //     AuthorizationServers = { issuer },
    //     TokenValidator = new JwtTokenValidator(issuer),
    //     Resource = new Uri("https://mcp.example.com/mcp"),
    // };
});

await app.StartAsync();
foreach (var address in app.Urls) Console.WriteLine($"MCP endpoint: {address}/mcp");
await app.WaitForShutdownAsync();
