using CsCheck;

namespace SmartCampus.Edge.Reliability.Tests.Fuzzing;

/// <summary>Generators of fuzz inputs: byte-level mutations of corpus entries, as AFL's havoc stage makes them.</summary>
internal static class FuzzInputs
{
    /// <summary>Tokens that change parser paths: JSON and YAML structure, numbers at type edges, odd dates.</summary>
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "-1", "1e309", "-0", "NaN", "9999999999999999999",
        "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "\\u0000", "\n  - ", ": &a", "*a", "!!binary", "\t",
    ];

    public static Gen<byte[]> Mutation(byte[][] seeds) =>
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[1, 8], Gen.UInt, (seed, steps, salt) => Mutate(seeds[seed], steps, salt));

    private static byte[] Mutate(byte[] seed, int steps, uint salt)
    {
        var random = new Random((int)salt);
        var bytes = new List<byte>(seed);
        for (var step = 0; step < steps; step++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(8)));
                    break;
                case 3:
                    bytes.InsertRange(at, System.Text.Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                    break;
                case 4 when bytes.Count > 0:
                    var length = Math.Min(bytes.Count - at, 1 + random.Next(16));
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                default:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
            }
        }

        return [.. bytes];
    }
}
