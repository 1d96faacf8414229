using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using LiteDB;
using LiteDB.Engine;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Keeps the transactions of a failed LiteDB engine from being finalized. In LiteDB 5.0.21 a commit that fails while
/// it writes the log leaves its transaction active with pages that are no longer writable, and the rollback fails
/// ("discarded page must be writable"). Once the engine is dropped, the transaction's finalizer runs the same discard,
/// fails the same check and, since it throws on the finalizer thread, ends the process.
/// </summary>
/// <remarks>
/// LiteDB 5.0.21 has no public way to end such a transaction. Its engine keeps the open transactions in the internal
/// field <c>LiteEngine._monitor</c> (a <c>TransactionMonitor</c>), in its dictionary <c>_transactions</c>. They are
/// read here by reflection. A LiteDB version without those fields is left as it is, and
/// <c>OutboxEngineFailureTests</c> fails on it.
/// </remarks>
internal static class LiteDbTransactions
{
    private static readonly FieldInfo? MonitorField =
        typeof(LiteEngine).GetField("_monitor", BindingFlags.NonPublic | BindingFlags.Instance);

    private static readonly FieldInfo? TransactionsField =
        MonitorField?.FieldType.GetField("_transactions", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <summary>Whether this LiteDB version has the fields read here.</summary>
    public static bool FieldsFound => TransactionsField is not null;

    /// <summary>
    /// Suppresses the finalizer of every transaction the engine still holds; call only for an engine that is
    /// dropped. Returns the number of transactions, or -1 when this LiteDB version has no such fields.
    /// </summary>
    [SuppressMessage("Usage", "CA1816:Dispose methods should call SuppressFinalize", Justification = "The finalizers suppressed are LiteDB's, of transactions that can no longer be disposed without throwing.")]
    public static int SuppressFinalizers(LiteEngine engine)
    {
        if (MonitorField?.GetValue(engine) is not { } monitor || TransactionsField?.GetValue(monitor) is not IDictionary transactions)
        {
            return -1;
        }

        var count = 0;
        lock (monitor)
        {
            foreach (var transaction in transactions.Values)
            {
                GC.SuppressFinalize(transaction!);
                count++;
            }
        }

        return count;
    }
}
