namespace LegalBot.Files;

/// <summary>Copies a download into its destination and stops as soon as more than the cap has arrived, whatever size was announced.</summary>
internal static class CappedCopy
{
    /// <summary>
    /// Copies <paramref name="body"/> to <paramref name="destination"/> (flushed at the end); false, with what arrived
    /// counted, when more than <paramref name="maxBytes"/> came (what was written is to be thrown away).
    /// </summary>
    public static async Task<(bool WithinCap, long Received)> CopyAsync(Stream body, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long received = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            received += read;
            if (received > maxBytes)
            {
                return (false, received);
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        await destination.FlushAsync(cancellationToken);
        return (true, received);
    }
}
