using McpGen.Load;

// Usage: McpGen.Load stdio [calls] [window] [cancelRatio]
//        McpGen.Load http [sessions] [seconds] [statelessSeconds]
string baseDir = AppContext.BaseDirectory;
string config = new DirectoryInfo(baseDir).Parent!.Name;
string root = Path.GetFullPath(Path.Combine(baseDir, "../../../../.."));
string scenario = args.Length > 0 ? args[0] : "stdio";
int passed = 0, failed = 0;

if (scenario == "stdio")
{
    int calls = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
    int window = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200;
    double ratio = args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0.02;
    string server = Path.Combine(root, "tests/McpGen.TestServer/bin", config, "net10.0/McpGen.TestServer.dll");
    if (await StdioPipelinedLoad.RunAsync(server, calls, window, ratio, seed: 1124)) passed++; else failed++;
}
else if (scenario == "http")
{
    int sessions = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
    int seconds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 60;
    int statelessSeconds = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 20;
    if (await HttpSessionsLoad.RunAsync(sessions, TimeSpan.FromSeconds(seconds), statelessWorkers: 64, TimeSpan.FromSeconds(statelessSeconds))) passed++; else failed++;
}
else
{
    Console.Error.WriteLine($"Unknown scenario '{scenario}'.");
    return 2;
}

Console.WriteLine($"{passed} passed, {failed} failed");
return failed == 0 ? 0 : 1;
