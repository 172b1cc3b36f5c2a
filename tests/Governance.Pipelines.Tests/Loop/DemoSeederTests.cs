using Governance.Data;
using Governance.Data.Registry;
using Governance.Pipelines.Demo;
using Governance.Pipelines.UseCases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Tests.Loop;

public sealed class DemoSeederTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [CorpusFact]
    public async Task An_empty_registry_gets_the_spam_triage_model_with_policy_and_both_datasets_once()
    {
        await using var host = await LoopHost.CreateAsync(DatabaseProvider.Sqlite, null);
        Assert.True(await host.InScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(null, default)));
        Assert.False(await host.InScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(null, default)));

        await host.InScopeAsync(async sp =>
        {
            var registry = sp.GetRequiredService<ModelRegistry>();
            var model = await registry.GetModelAsync(DemoSeeder.ModelName);
            Assert.NotNull(model);
            Assert.Equal([SpamTriageRows.SenderCcTld, SpamTriageRows.NonAscii], model.SensitiveAttributes);
            Assert.Equal(Domain.Registry.RiskTier.Limited, model.RiskTier);
            var db = sp.GetRequiredService<GovernanceDbContext>();
            Assert.Equal(1, await db.ReleasePolicies.CountAsync());
            var training = await registry.GetDatasetVersionAsync(LoopStore.TrainingDataset(DemoSeeder.ModelName), 1);
            var incoming = await registry.GetDatasetVersionAsync(LoopStore.IncomingDataset(DemoSeeder.ModelName), 1);
            Assert.NotNull(training);
            Assert.NotNull(incoming);
            // easy-ham-1 (2,501) + hard-ham-1 (250) + spam-1 (500); easy-ham-2 (1,400) + spam-2 (1,396) in the npm package.
            Assert.InRange(training.RowCount, 3000, 3300);
            Assert.InRange(incoming.RowCount, 2600, 2900);
            var rows = await sp.GetRequiredService<LoopStore>().RowsAsync(training, default);
            Assert.Contains(rows, r => r.Attributes[SpamTriageRows.SenderCcTld] == "yes");
            Assert.Contains(rows, r => r.Attributes[SpamTriageRows.NonAscii] == "yes");
            Assert.All(rows, r => Assert.Contains(r.Id.Split('/')[0], DemoSeeder.TrainingGroups));
            foreach (var a in model.SensitiveAttributes)
            {
                foreach (var g in rows.GroupBy(r => r.Attributes[a]))
                {
                    output.WriteLine($"{a}={g.Key}: {g.Count()} rows, ham share {g.Average(r => 1.0 - r.Label):0.###}");
                }
            }
            var letters = rows.GroupBy(r => r.Text.Any(c => c > '\u007f' && char.IsLetter(c)));
            foreach (var g in letters)
            {
                output.WriteLine($"non-ASCII letter={g.Key}: {g.Count()} rows, ham share {g.Average(r => 1.0 - r.Label):0.###}");
            }
            return 0;
        });
    }

    [Fact]
    public void Sensitive_attributes_come_from_the_sender_domain_and_the_text()
    {
        var cc = SpamTriageRows.From(new Learning.Corpora.MailRecord("spam-1/1", "spam-1", true, "a@x.de", "mail.x.de", "Hi", null, "plain"));
        var com = SpamTriageRows.From(new Learning.Corpora.MailRecord("easy-ham-1/1", "easy-ham-1", false, "a@x.com", "x.com", "Hi", null, "naïve"));
        var none = SpamTriageRows.From(new Learning.Corpora.MailRecord("easy-ham-1/2", "easy-ham-1", false, "", "", "", null, "x"));
        Assert.Equal(("yes", "no", 1), (cc.Attributes[SpamTriageRows.SenderCcTld], cc.Attributes[SpamTriageRows.NonAscii], cc.Label));
        Assert.Equal(("no", "yes", 0), (com.Attributes[SpamTriageRows.SenderCcTld], com.Attributes[SpamTriageRows.NonAscii], com.Label));
        Assert.Equal("no", none.Attributes[SpamTriageRows.SenderCcTld]);
    }
}
