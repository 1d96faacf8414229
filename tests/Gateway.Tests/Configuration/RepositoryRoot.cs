namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>Finds the repository root by walking up from the test binaries to SmartCampus.Edge.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string DemoConfiguration => System.IO.Path.Combine(Path, "hardware", "demo", "campus.yaml");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "SmartCampus.Edge.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"SmartCampus.Edge.sln not found above {AppContext.BaseDirectory}.");
    }
}
