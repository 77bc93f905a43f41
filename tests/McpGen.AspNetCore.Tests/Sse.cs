using System.Text;

namespace McpGen.AspNetCore.Tests;

/// <summary>A small SSE reader for tests (the official client's behaviour is tested with the TypeScript SDK).</summary>
internal static class Sse
{
    public sealed record Event(string? Id, string? Name, string Data, int? Retry);

    public static async Task<List<Event>> ReadAllAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var events = new List<Event>();
        await foreach (var e in ReadAsync(response, cancellationToken)) events.Add(e);
        return events;
    }

    public static async IAsyncEnumerable<Event> ReadAsync(HttpResponseMessage response, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? id = null, name = null;
        int? retry = null;
        var data = new StringBuilder();
        bool any = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (any) yield return new Event(id, name, data.ToString(), retry);
                id = null; name = null; retry = null; data.Clear(); any = false;
                continue;
            }
            if (line.StartsWith(':')) continue;
            int colon = line.IndexOf(':');
            string field = colon < 0 ? line : line[..colon];
            string value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            any = true;
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "retry": retry = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "data": if (data.Length > 0) data.Append('\n'); data.Append(value); break;
            }
        }
    }
}
