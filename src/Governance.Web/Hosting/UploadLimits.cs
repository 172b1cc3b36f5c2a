namespace Governance.Web.Hosting;

/// <summary>
/// Request size limits from configuration. <c>Governance:Limits:MaxDatasetBytes</c> (default 50 MiB) caps a
/// dataset upload, <c>Governance:Limits:MaxArtifactBytes</c> (default 2 GiB) a model version's artifact; every
/// other request body is capped by <c>Governance:Limits:MaxRequestBytes</c> (default 1 MiB).
/// </summary>
public sealed record UploadLimits(long MaxDatasetBytes, long MaxRequestBytes, long MaxArtifactBytes)
{
    public const long DefaultMaxDatasetBytes = 50L * 1024 * 1024;
    public const long DefaultMaxArtifactBytes = 2L * 1024 * 1024 * 1024;
    public const long DefaultMaxRequestBytes = 1L * 1024 * 1024;

    /// <summary>Room for multipart boundaries and form fields around the file.</summary>
    public const long MultipartOverheadBytes = 64 * 1024;

    public static UploadLimits From(IConfiguration configuration)
    {
        var dataset = configuration.GetValue("Governance:Limits:MaxDatasetBytes", DefaultMaxDatasetBytes);
        var request = configuration.GetValue("Governance:Limits:MaxRequestBytes", DefaultMaxRequestBytes);
        var artifact = configuration.GetValue("Governance:Limits:MaxArtifactBytes", DefaultMaxArtifactBytes);
        if (dataset <= 0 || request <= 0 || artifact <= 0)
        {
            throw new ArgumentException("Governance:Limits:MaxDatasetBytes, MaxArtifactBytes and MaxRequestBytes must be positive.", nameof(configuration));
        }
        return new UploadLimits(dataset, request, artifact);
    }
}
