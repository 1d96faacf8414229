namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Cuts LiteDB's log back to the bytes its <see cref="LogManifest"/> vouches for, before LiteDB opens it.
/// </summary>
/// <remarks>
/// Why this loses no acknowledged commit: a commit is acknowledged only after the log and the manifest were both
/// fsynced, so its range and every range before it are on the device, intact, and listed. A range whose bytes do
/// not match was being written when the power went, so its commit was never acknowledged and may be dropped
/// together with everything after it. What is kept is therefore a prefix of what LiteDB wrote, which LiteDB
/// replays correctly (a transaction whose commit page is not in the prefix is ignored).
/// A log with no entry in the manifest is cut to nothing: the manifest is emptied only when LiteDB empties the log
/// after a checkpoint, whose pages are then already in the fsynced data file.
/// </remarks>
internal static class LogRepair
{
    /// <summary>
    /// Validates <paramref name="log"/> against <paramref name="manifest"/>, cuts the log back and drops the manifest
    /// entries that did not match, fsyncing both. Returns the bytes cut from the log.
    /// </summary>
    public static long Repair(DurableFileStream log, LogManifest manifest)
    {
        var entries = manifest.ReadAll();
        var logLength = log.Length;

        // Only the last chain (from the last entry that starts at byte 0) describes the log.
        var first = entries.FindLastIndex(entry => entry.Start == 0);
        var validEnd = 0L;
        var keptEntries = 0;
        for (var index = Math.Max(first, 0); first >= 0 && index < entries.Count; index++)
        {
            var entry = entries[index];
            if (entry.Start != validEnd || entry.End > logLength || LogChecksum.Compute(log, entry.Start, entry.End) != entry.Crc)
            {
                break;
            }

            validEnd = entry.End;
            keptEntries = index + 1;
        }

        if (logLength > validEnd)
        {
            // The log first: until its cut is on the device, the entries dropped below still fail against it.
            log.SetLength(validEnd);
            log.Flush();
        }

        // Entries after the last match, and a torn one, would break the chain that new appends continue.
        manifest.Truncate(validEnd == 0 ? 0 : (long)keptEntries * LogRange.Size);
        manifest.Sync();
        return logLength - Math.Min(logLength, validEnd);
    }
}
