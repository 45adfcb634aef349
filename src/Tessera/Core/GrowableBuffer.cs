namespace Tessera.Core;

/// <summary>An append-only buffer that doubles its storage, for building arrays of unknown length.</summary>
internal struct GrowableBuffer<T>(int capacity)
{
    private T[] _items = new T[Math.Max(capacity, 4)];
    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = item;
    }

    public readonly T[] ToArray() => _items.AsSpan(0, Count).ToArray();

    /// <summary>The storage itself, valid for the first <see cref="Count"/> items: no copy when the capacity was
    /// estimated well and the caller keeps the length.</summary>
    public readonly T[] Storage => _items;
}
