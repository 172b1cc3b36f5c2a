namespace Governance.Web.Endpoints;

/// <summary>
/// A read-only view of an upload that fails with 413 as soon as more than <c>maxBytes</c> arrive, so an
/// oversized upload without Content-Length is stopped while streaming rather than after it was stored.
/// </summary>
internal sealed class LimitedReadStream(Stream inner, long maxBytes, string what) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private int Count(int n)
    {
        _read += n;
        if (_read > maxBytes)
        {
            throw Uploads.TooLarge(maxBytes, what);
        }
        return n;
    }
}
