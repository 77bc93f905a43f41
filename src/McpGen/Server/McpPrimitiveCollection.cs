using System.Collections;

namespace McpGen;

/// <summary>
/// The live set of one kind of primitive (tools, prompts, resources or templates) a server offers: what the
/// registries brought at start-up plus run-time changes. Reads are lock-free snapshots; every change raises
/// <see cref="Changed"/>, and the server then tells initialized clients with a <c>list_changed</c> notification.
/// </summary>
/// <typeparam name="T">The primitive type.</typeparam>
public sealed class McpPrimitiveCollection<T> : IReadOnlyCollection<T> where T : class
{
    private readonly Func<T, string> _keyOf;
    private readonly string _kind;
    private readonly object _gate = new();
    private volatile Snapshot _snapshot = Snapshot.Empty;

    internal McpPrimitiveCollection(Func<T, string> keyOf, string kind)
    {
        _keyOf = keyOf;
        _kind = kind;
    }

    /// <summary>Raised after every change.</summary>
    public event EventHandler? Changed;

    /// <summary>How many there are.</summary>
    public int Count => _snapshot.Items.Length;

    internal T[] Items => _snapshot.Items;

    /// <summary>Finds a primitive by its key (a tool or prompt name, a resource URI, a template's text).</summary>
    public T? Find(string key) => _snapshot.ByKey.TryGetValue(key, out var item) ? item : null;

    /// <summary>Adds a primitive.</summary>
    /// <exception cref="InvalidOperationException">One with the same key exists.</exception>
    public void Add(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            string key = _keyOf(item);
            if (_snapshot.ByKey.ContainsKey(key))
                throw new InvalidOperationException($"A {_kind} '{key}' is already registered; {_kind} keys must be unique.");
            _snapshot = _snapshot.With(item, key);
        }
        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Adds several primitives at once, raising <see cref="Changed"/> once.</summary>
    /// <exception cref="InvalidOperationException">A key is already registered or repeated.</exception>
    public void AddRange(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        bool any = false;
        lock (_gate)
        {
            var snapshot = _snapshot;
            foreach (var item in items)
            {
                string key = _keyOf(item);
                if (snapshot.ByKey.ContainsKey(key))
                    throw new InvalidOperationException($"A {_kind} '{key}' is already registered; {_kind} keys must be unique.");
                snapshot = snapshot.With(item, key);
                any = true;
            }
            _snapshot = snapshot;
        }
        if (any) Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Removes the primitive with <paramref name="key"/>.</summary>
    /// <returns>Whether one was removed.</returns>
    public bool Remove(string key)
    {
        lock (_gate)
        {
            if (!_snapshot.ByKey.ContainsKey(key)) return false;
            _snapshot = _snapshot.Without(key, _keyOf);
        }
        Changed?.Invoke(this, EventArgs.Empty);
        return true;
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_snapshot.Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Snapshot(T[] items, Dictionary<string, T> byKey)
    {
        public static readonly Snapshot Empty = new([], new Dictionary<string, T>(StringComparer.Ordinal));

        public T[] Items { get; } = items;
        public Dictionary<string, T> ByKey { get; } = byKey;

        public Snapshot With(T item, string key)
        {
            var items = new T[Items.Length + 1];
            Items.CopyTo(items, 0);
            items[^1] = item;
            return new Snapshot(items, new Dictionary<string, T>(ByKey, StringComparer.Ordinal) { [key] = item });
        }

        public Snapshot Without(string key, Func<T, string> keyOf)
        {
            var byKey = new Dictionary<string, T>(ByKey, StringComparer.Ordinal);
            byKey.Remove(key);
            return new Snapshot(Array.FindAll(Items, i => keyOf(i) != key), byKey);
        }
    }
}
