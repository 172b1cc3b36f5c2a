using Governance.Pipelines.Serving;
using Governance.Pipelines.Tests.Loop;

namespace Governance.Pipelines.Tests.Serving;

public sealed class ServedModelTests
{
    [Fact]
    public async Task Concurrent_requests_sharing_forward_passes_get_their_own_answers()
    {
        var package = ServingHost.TinyPackage(3);
        var served = new ServedModel(Guid.NewGuid(), Guid.NewGuid(), 1, "hash", package);
        var texts = SyntheticMail.Rows(40, 5, "q").Select(r => r.Text).ToList();
        // Requests of one to three texts, of different lengths, all at once: they queue and share forwards.
        var requests = Enumerable.Range(0, 30).Select(i => texts.Skip(i).Take(1 + (i % 3)).Select(t => i % 2 == 0 ? t : t + " " + t).ToList()).ToList();
        var answers = await Task.WhenAll(requests.Select(r => Task.Run(() => served.PredictBatchedAsync(r))));
        for (var i = 0; i < requests.Count; i++)
        {
            var alone = served.Predict(requests[i]);
            Assert.Equal(alone.Count, answers[i].Count);
            for (var j = 0; j < alone.Count; j++)
            {
                Assert.Equal(alone[j].Label, answers[i][j].Label);
                Assert.Equal(alone[j].Probabilities[1], answers[i][j].Probabilities[1], 5);
            }
        }
    }
}
