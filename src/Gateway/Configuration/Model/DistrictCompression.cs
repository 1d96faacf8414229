namespace SmartCampus.Edge.Gateway.Configuration.Model;

/// <summary>Compression of batches to the district: none or gzip.</summary>
public enum DistrictCompression
{
    None,
    Gzip,
}
