namespace SmartCampus.Edge.Gateway.Configuration.Model;

/// <summary>Compression of batches to the district: none, gzip or zstd.</summary>
public enum DistrictCompression
{
    None,
    Gzip,
    Zstd,
}
