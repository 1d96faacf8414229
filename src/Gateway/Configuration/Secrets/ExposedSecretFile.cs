namespace SmartCampus.Edge.Gateway.Configuration.Secrets;

/// <summary>A secret file named in the site configuration that group or others may read or write.</summary>
/// <param name="Key">Key path that names the file, for example <c>district.passwordFile</c>.</param>
/// <param name="Path">The file as configured.</param>
/// <param name="Mode">Its Unix permission bits.</param>
public sealed record ExposedSecretFile(string Key, string Path, UnixFileMode Mode)
{
    /// <summary>The permission bits in octal as <c>ls -l</c> and <c>chmod</c> write them, for example <c>644</c>.</summary>
    public string OctalMode => Convert.ToString((int)Mode, 8);
}
