using System.Net;
using System.Net.Sockets;
using System.Text;
using Governance.Data;
using Governance.Domain.Access;
using Governance.Domain.Evidence;
using Governance.Pipelines.UseCases;
using Governance.Pipelines.Webhooks;
using Governance.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Tests.Loop;

public abstract class WebhookTests(DatabaseProvider provider, PostgresServer? postgres) : LoopTestBase(provider, postgres)
{
    private const string Secret = "a-long-enough-shared-secret";

    [Fact]
    public async Task A_failed_call_is_retried_after_its_backoff_and_every_call_is_signed()
    {
        using var receiver = new Receiver(failFirst: 1);
        await UseAsync(sp => sp.GetRequiredService<WebhookSubscriptions>().SubscribeAsync(receiver.Url, Secret,
            [WebhookEvents.ApprovalRequested, WebhookEvents.VersionPromoted], Actor.User("admin"), default));
        await UseAsync(sp =>
        {
            var db = sp.GetRequiredService<GovernanceDbContext>();
            return LoopWrite.RunAsync(db, async () =>
            {
                await WebhookOutbox.EnqueueAsync(db, WebhookEvents.VersionPromoted, new { model = "m", version = 3 }, Host.Clock.GetUtcNow(), default);
                await WebhookOutbox.EnqueueAsync(db, WebhookEvents.DriftDetected, new { model = "m" }, Host.Clock.GetUtcNow(), default); // not subscribed
                return 0;
            }, default);
        });

        Assert.Equal(0, await UseAsync(sp => sp.GetRequiredService<WebhookDispatcher>().DeliverDueAsync(default)));
        var pending = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().WebhookDeliveries.AsNoTracking().SingleAsync());
        Assert.Equal(1, pending.Attempts);
        Assert.Equal(WebhookDeliveryStatus.Pending, pending.Status);
        Assert.Equal("HTTP 500", pending.LastError);
        Assert.Equal(Host.Clock.GetUtcNow() + TimeSpan.FromSeconds(30), pending.NextAttemptAt);

        // Not due yet: nothing is sent.
        Assert.Equal(0, await UseAsync(sp => sp.GetRequiredService<WebhookDispatcher>().DeliverDueAsync(default)));
        Assert.Single(receiver.Calls);

        Host.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await UseAsync(sp => sp.GetRequiredService<WebhookDispatcher>().DeliverDueAsync(default)));
        var delivered = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().WebhookDeliveries.AsNoTracking().SingleAsync());
        Assert.Equal(WebhookDeliveryStatus.Delivered, delivered.Status);
        Assert.Equal(2, delivered.Attempts);

        Assert.Equal(2, receiver.Calls.Count);
        foreach (var call in receiver.Calls)
        {
            Assert.Equal(WebhookEvents.VersionPromoted, call.Event);
            Assert.True(WebhookSignature.Verify(Secret, call.Timestamp, call.Body, call.Signature), "signature must verify");
            Assert.False(WebhookSignature.Verify(Secret, call.Timestamp, call.Body + " ", call.Signature), "a changed body must not verify");
            Assert.False(WebhookSignature.Verify(Secret, call.Timestamp + 1, call.Body, call.Signature), "a changed timestamp must not verify");
            Assert.Contains("\"version\":3", call.Body, StringComparison.Ordinal);
        }
        Assert.Equal(Host.Clock.GetUtcNow().ToUnixTimeSeconds(), receiver.Calls[1].Timestamp);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_well_is_given_up_after_the_last_attempt()
    {
        using var receiver = new Receiver(failFirst: int.MaxValue);
        await UseAsync(sp => sp.GetRequiredService<WebhookSubscriptions>().SubscribeAsync(receiver.Url, Secret, [WebhookEvents.GateFailed], Actor.User("admin"), default));
        await UseAsync(sp =>
        {
            var db = sp.GetRequiredService<GovernanceDbContext>();
            return LoopWrite.RunAsync(db, async () =>
            {
                await WebhookOutbox.EnqueueAsync(db, WebhookEvents.GateFailed, new { model = "m" }, Host.Clock.GetUtcNow(), default);
                return 0;
            }, default);
        });
        for (var i = 0; i < WebhookDelivery.MaxAttempts + 2; i++)
        {
            await UseAsync(sp => sp.GetRequiredService<WebhookDispatcher>().DeliverDueAsync(default));
            Host.Clock.Advance(TimeSpan.FromDays(1));
        }
        var delivery = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().WebhookDeliveries.AsNoTracking().SingleAsync());
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(WebhookDelivery.MaxAttempts, delivery.Attempts);
        Assert.Equal(WebhookDelivery.MaxAttempts, receiver.Calls.Count);
    }

    [Fact]
    public async Task Subscriptions_refuse_unknown_events_and_short_secrets()
    {
        var unknown = await Assert.ThrowsAsync<Domain.DomainException>(() => UseAsync(sp => sp.GetRequiredService<WebhookSubscriptions>()
            .SubscribeAsync("http://127.0.0.1:1/hook", Secret, ["model.deleted"], Actor.User("admin"), default)));
        Assert.Contains("model.deleted", unknown.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<Domain.DomainException>(() => UseAsync(sp => sp.GetRequiredService<WebhookSubscriptions>()
            .SubscribeAsync("http://127.0.0.1:1/hook", "short", [WebhookEvents.GateFailed], Actor.User("admin"), default)));
    }

    /// <summary>A real HTTP listener on 127.0.0.1 that fails the first N calls with 500 and records every call.</summary>
    private sealed class Receiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly int _failFirst;
        private readonly Task _loop;

        public Receiver(int failFirst)
        {
            _failFirst = failFirst;
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/hook/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Url { get; }
        public List<(string Event, long Timestamp, string Signature, string Body)> Calls { get; } = [];

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                lock (Calls)
                {
                    Calls.Add((context.Request.Headers[WebhookSignature.EventHeader] ?? "",
                        long.Parse(context.Request.Headers[WebhookSignature.TimestampHeader] ?? "0", System.Globalization.CultureInfo.InvariantCulture),
                        context.Request.Headers[WebhookSignature.SignatureHeader] ?? "", body));
                    context.Response.StatusCode = Calls.Count <= _failFirst ? 500 : 200;
                }
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }

        private static int FreePort()
        {
            using var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            return ((IPEndPoint)l.LocalEndpoint).Port;
        }
    }
}

public sealed class SqliteWebhookTests() : WebhookTests(DatabaseProvider.Sqlite, null);

[Collection(LoopPostgresCollection.Name)]
public sealed class PostgresWebhookTests(PostgresFixture fixture) : WebhookTests(DatabaseProvider.Postgres, fixture.Server);
