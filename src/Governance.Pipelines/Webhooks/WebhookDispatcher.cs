using System.Text;
using Governance.Data;
using Governance.Domain.Evidence;
using Governance.Pipelines.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.Webhooks;

/// <summary>Delivers due webhook calls; a failure (non-2xx, timeout, refused) is retried with backoff up to <see cref="WebhookDelivery.MaxAttempts"/>.</summary>
public sealed class WebhookDispatcher(GovernanceDbContext db, IHttpClientFactory http, TimeProvider time, LoopOptions options)
{
    public const string ClientName = "governance-webhooks";

    /// <summary>Sends every pending delivery whose time has come; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending).ToListAsync(ct);
        due = due.Where(d => d.NextAttemptAt <= now).OrderBy(d => d.CreatedAt).Take(100).ToList();
        var delivered = 0;
        foreach (var delivery in due)
        {
            var subscription = await db.WebhookSubscriptions.FirstAsync(s => s.Id == delivery.SubscriptionId, ct);
            var error = await SendAsync(subscription, delivery, ct);
            var at = time.GetUtcNow();
            if (error is null)
            {
                delivery.Delivered(at);
                delivered++;
            }
            else
            {
                delivery.AttemptFailed(error, at, options.WebhookRetryDelay);
            }
            await db.SaveChangesAsync(ct);
        }
        return delivered;
    }

    private async Task<string?> SendAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken ct)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(subscription.Secret, timestamp, delivery.Payload));
        request.Headers.Add(WebhookSignature.EventHeader, delivery.Event);
        request.Headers.Add("X-Governance-Delivery", delivery.Id.ToString());
        try
        {
            using var client = http.CreateClient(ClientName);
            using var response = await client.SendAsync(request, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return "timed out";
        }
    }
}
