namespace McpGen.Packaging.Tests;

/// <summary>The test classes that use the packed packages share one pack (and run one after another: they build and publish).</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackageTests.Packed>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "packed packages";
}
