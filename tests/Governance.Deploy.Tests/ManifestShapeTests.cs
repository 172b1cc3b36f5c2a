namespace Governance.Deploy.Tests;

/// <summary>
/// What a reader relies on in deploy/, checked as text (YAML is parsed by deploy/validate.py, which
/// needs python3-yaml; CI runs without Python): probes, GPU limits, no real secrets, non-root image.
/// </summary>
public sealed class ManifestShapeTests
{
    [Fact]
    public void Deployments_probe_live_and_ready_and_the_gpu_worker_asks_for_a_gpu()
    {
        foreach (var name in new[] { "50-web.yaml", "60-worker.yaml", "70-gpu-worker.yaml" })
        {
            var text = Repository.Read("deploy", "kubernetes", name);
            Assert.Contains("kind: Deployment", text, StringComparison.Ordinal);
            Assert.Contains("path: /health/live", text, StringComparison.Ordinal);
            Assert.Contains("path: /health/ready", text, StringComparison.Ordinal);
            Assert.Contains("terminationGracePeriodSeconds:", text, StringComparison.Ordinal);
        }
        var gpu = Repository.Read("deploy", "kubernetes", "70-gpu-worker.yaml");
        Assert.Contains("nvidia.com/gpu: 1", gpu, StringComparison.Ordinal);
        Assert.Contains("nodeSelector:", gpu, StringComparison.Ordinal);
        Assert.Contains("value: gpu-worker", gpu, StringComparison.Ordinal);
        Assert.Contains("kind: Service", Repository.Read("deploy", "kubernetes", "50-web.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_secret_is_a_template_without_real_values()
    {
        var secret = Repository.Read("deploy", "kubernetes", "20-secret.example.yaml");
        foreach (var line in secret.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains(": \"", StringComparison.Ordinal)))
        {
            Assert.Contains("REPLACE_ME", line, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Password", Repository.Read("deploy", "kubernetes", "10-configmap.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_has_postgres_web_worker_and_a_gpu_worker_under_a_profile()
    {
        var compose = Repository.Read("deploy", "compose.yaml");
        foreach (var service in new[] { "  postgres:", "  web:", "  worker:", "  gpu-worker:" })
        {
            Assert.Contains("\n" + service + "\n", compose, StringComparison.Ordinal);
        }
        Assert.Contains("profiles: [\"gpu\"]", compose, StringComparison.Ordinal);
        Assert.Contains("driver: nvidia", compose, StringComparison.Ordinal);
        Assert.Contains("${POSTGRES_PASSWORD:?", compose, StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_runs_as_a_non_root_user_with_a_healthcheck()
    {
        var image = Repository.Read("deploy", "Containerfile");
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:", image, StringComparison.Ordinal);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:", image, StringComparison.Ordinal);
        Assert.Contains("npm ci", image, StringComparison.Ordinal);
        Assert.Contains("USER 10001", image, StringComparison.Ordinal);
        Assert.Contains("HEALTHCHECK", image, StringComparison.Ordinal);
        Assert.DoesNotContain("USER root", image, StringComparison.Ordinal);
    }
}
