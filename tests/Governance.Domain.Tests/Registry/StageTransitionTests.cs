using Governance.Domain;
using Governance.Domain.Registry;

namespace Governance.Domain.Tests.Registry;

public class StageTransitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static ModelVersion NewVersion()
    {
        var model = Model.Register(new ModelDraft("spam-triage", "text-classification", "support", "ml-team", RiskTier.Limited), "alice", Now);
        return ModelVersion.Register(model, new VersionDraft(), "alice", Now);
    }

    [Fact]
    public void A_new_version_is_a_candidate_with_the_next_number()
    {
        var model = Model.Register(new ModelDraft("m", "t", "d", "o", RiskTier.High), "alice", Now);
        var first = ModelVersion.Register(model, new VersionDraft(), "alice", Now);
        var second = ModelVersion.Register(model, new VersionDraft(ParentVersionId: first.Id), "alice", Now);
        Assert.Equal(ModelStage.Candidate, first.Stage);
        Assert.Equal(1, first.Number);
        Assert.Equal(2, second.Number);
        Assert.Equal(first.Id, second.ParentVersionId);
    }

    [Fact]
    public void The_normal_path_reaches_production_and_then_archive()
    {
        var version = NewVersion();
        version.MoveTo(ModelStage.Staging, Now.AddMinutes(1));
        version.MoveTo(ModelStage.Production, Now.AddMinutes(2));
        version.MoveTo(ModelStage.Archived, Now.AddMinutes(3));
        version.MoveTo(ModelStage.Production, Now.AddMinutes(4)); // rollback
        Assert.Equal(ModelStage.Production, version.Stage);
        Assert.Equal(Now.AddMinutes(4), version.StageChangedAt);
    }

    [Theory]
    [InlineData(ModelStage.Production)]
    [InlineData(ModelStage.Archived)]
    public void A_candidate_cannot_skip_staging(ModelStage target)
    {
        var version = NewVersion();
        var error = Assert.Throws<DomainException>(() => version.MoveTo(target, Now));
        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
        Assert.Contains("Candidate", error.Message);
        Assert.Equal(ModelStage.Candidate, version.Stage);
    }

    [Fact]
    public void Rejected_is_final_and_says_so()
    {
        var version = NewVersion();
        version.MoveTo(ModelStage.Rejected, Now);
        foreach (var stage in Enum.GetValues<ModelStage>())
        {
            var error = Assert.Throws<DomainException>(() => version.MoveTo(stage, Now));
            Assert.Contains("final", error.Message);
        }
    }

    [Fact]
    public void Production_is_never_a_manual_target()
    {
        var error = Assert.Throws<DomainException>(() => StageTransitions.RequireManualTarget(ModelStage.Production));
        Assert.Equal(DomainErrorKind.Forbidden, error.Kind);
        StageTransitions.RequireManualTarget(ModelStage.Staging);
        StageTransitions.RequireManualTarget(ModelStage.Archived);
    }

    [Fact]
    public void An_undefined_stage_is_invalid()
    {
        var error = Assert.Throws<DomainException>(() => NewVersion().MoveTo((ModelStage)42, Now));
        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public void An_artifact_hash_must_be_a_sha256()
    {
        var model = Model.Register(new ModelDraft("m", "t", "d", "o", RiskTier.High), "alice", Now);
        var error = Assert.Throws<DomainException>(() => ModelVersion.Register(model, new VersionDraft(ArtifactHash: "../../etc/passwd"), "alice", Now));
        Assert.Contains("SHA-256", error.Message);
    }
}
