using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// Orders point ids exactly as <see cref="string.CompareOrdinal(string, string)"/> orders their text
/// <c>device.point</c>, without building that text. Comparing the device ids first and then the point names is not
/// the same order: '-' (0x2D) sorts before '.' (0x2E), so <c>a-b.x</c> comes before <c>a.x</c>.
/// </summary>
internal static class PointOrder
{
    private const char Separator = '.';

    public static int Compare(PointId left, PointId right)
    {
        var leftDevice = left.Device.AsSpan();
        var rightDevice = right.Device.AsSpan();
        var common = Math.Min(leftDevice.Length, rightDevice.Length);
        var same = leftDevice[..common].CommonPrefixLength(rightDevice[..common]);
        if (same < common)
        {
            return leftDevice[same].CompareTo(rightDevice[same]);
        }

        if (leftDevice.Length == rightDevice.Length)
        {
            return Math.Sign(string.CompareOrdinal(left.Point, right.Point));
        }

        // One device id is a prefix of the other: rare, so compare the rest of the two texts one character at a time.
        var leftLength = TextLength(left);
        var rightLength = TextLength(right);
        for (var i = common; i < Math.Min(leftLength, rightLength); i++)
        {
            var difference = CharAt(left, i).CompareTo(CharAt(right, i));
            if (difference != 0)
            {
                return difference;
            }
        }

        return leftLength.CompareTo(rightLength);
    }

    private static int TextLength(PointId point) => point.Device.Length + 1 + point.Point.Length;

    private static char CharAt(PointId point, int index) =>
        index < point.Device.Length ? point.Device[index]
        : index == point.Device.Length ? Separator
        : point.Point[index - point.Device.Length - 1];
}
