using Governance.Domain;
using Governance.Domain.Registry;

namespace Governance.Domain.Tests.Registry;

public class ModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("")]
    [InlineData("Spam")]
    [InlineData("-spam")]
    [InlineData("spam triage")]
    [InlineData("../spam")]
    public void Names_must_be_slugs(string name)
    {
        var error = Assert.Throws<DomainException>(() => Model.Register(new ModelDraft(name, "t", "d", "o", RiskTier.Minimal), "alice", Now));
        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains("not valid", error.Message);
    }

    [Fact]
    public void Required_fields_are_named_when_missing()
    {
        var error = Assert.Throws<DomainException>(() => Model.Register(new ModelDraft("spam", " ", "d", "o", RiskTier.Minimal), "alice", Now));
        Assert.Equal("Task is required.", error.Message);
    }

    [Fact]
    public void The_name_is_the_identity_and_cannot_change()
    {
        var model = Model.Register(new ModelDraft("spam", "t", "d", "o", RiskTier.Minimal), "alice", Now);
        Assert.Throws<DomainException>(() => model.Update(new ModelDraft("ham", "t", "d", "o", RiskTier.Minimal)));
        model.Update(new ModelDraft("spam", "t2", "d", "o", RiskTier.High, SensitiveAttributes: ["sender_cctld", "sender_cctld", "non_ascii"]));
        Assert.Equal("t2", model.Task);
        Assert.Equal(RiskTier.High, model.RiskTier);
        Assert.Equal(["sender_cctld", "non_ascii"], model.SensitiveAttributes);
    }

    [Fact]
    public void Dataset_windows_must_not_run_backwards()
    {
        var file = new DatasetFile(DatasetFormat.Csv, new string('a', 64), 10, 2, ["text", "label"]);
        var error = Assert.Throws<DomainException>(() => DatasetVersion.Register(
            new DatasetDraft("mail", WindowStart: Now, WindowEnd: Now.AddDays(-1)), 1, file, "alice", Now));
        Assert.Contains("ends before it starts", error.Message);
    }
}
