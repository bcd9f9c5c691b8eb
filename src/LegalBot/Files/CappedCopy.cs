using System.Runtime.CompilerServices;

namespace LegalBot.Files;

/// <summary>Copies a download into its destination and stops as soon as more than the cap has arrived, whatever size was announced.</summary>
internal static class CappedCopy
{
    /// <summary>
    /// Copies <paramref name="body"/> to <paramref name="destination"/> (flushed at the end); false when more than
    /// <paramref name="maxBytes"/> came (what was written is to be thrown away). <paramref name="received"/> counts what
    /// arrived as it arrives, so a caller whose copy fails midway can say how much came.
    /// </summary>
    public static async Task<bool> CopyAsync(Stream body, Stream destination, long maxBytes, StrongBox<long> received, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            received.Value += read;
            if (received.Value > maxBytes)
            {
                return false;
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        await destination.FlushAsync(cancellationToken);
        return true;
    }
}
