namespace Governance.Domain.Evidence;

/// <summary>The events a webhook can subscribe to.</summary>
public static class WebhookEvents
{
    public const string CandidateRegistered = "candidate.registered";
    public const string GateFailed = "gate.failed";
    public const string ApprovalRequested = "approval.requested";
    public const string VersionPromoted = "version.promoted";
    public const string DriftDetected = "drift.detected";

    public static IReadOnlyList<string> All { get; } = [CandidateRegistered, GateFailed, ApprovalRequested, VersionPromoted, DriftDetected];
}

/// <summary>A receiver of signed event calls.</summary>
public sealed class WebhookSubscription
{
    private WebhookSubscription()
    {
    }

    public Guid Id { get; private set; }
    public string Url { get; private set; } = "";
    /// <summary>Shared secret for the HMAC-SHA256 signature.</summary>
    public string Secret { get; private set; } = "";
    public List<string> Events { get; private set; } = [];
    public bool Active { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static WebhookSubscription Create(string url, string secret, IReadOnlyList<string> events, string createdBy, DateTimeOffset now)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw DomainException.Invalid($"Webhook URL '{url}' is not an absolute http(s) URL.");
        }
        if (string.IsNullOrEmpty(secret) || secret.Length < 16)
        {
            throw DomainException.Invalid("A webhook secret needs at least 16 characters.");
        }
        var unknown = events.Where(e => !WebhookEvents.All.Contains(e)).ToList();
        if (events.Count == 0 || unknown.Count > 0)
        {
            throw DomainException.Invalid($"Webhook events must be some of {string.Join(", ", WebhookEvents.All)}; unknown: {string.Join(", ", unknown)}.");
        }
        return new WebhookSubscription
        {
            Id = Guid.CreateVersion7(now),
            Url = uri.ToString(),
            Secret = secret,
            Events = events.Distinct().ToList(),
            Active = true,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
    }

    public void Deactivate() => Active = false;
}

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One event for one subscription, retried with backoff until delivered or out of attempts.</summary>
public sealed class WebhookDelivery
{
    public const int MaxAttempts = 6;

    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }
    public Guid SubscriptionId { get; private set; }
    public string Event { get; private set; } = "";
    public string Payload { get; private set; } = "{}";
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }
    public string LastError { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }

    public static WebhookDelivery Create(Guid subscriptionId, string eventName, string payload, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        SubscriptionId = subscriptionId,
        Event = eventName,
        Payload = payload,
        NextAttemptAt = now,
        Status = WebhookDeliveryStatus.Pending,
        CreatedAt = now,
    };

    public void Delivered(DateTimeOffset now)
    {
        Attempts++;
        Status = WebhookDeliveryStatus.Delivered;
        DeliveredAt = now;
        LastError = "";
    }

    /// <summary>Counts a failed attempt; the next waits 30 s x 4^(attempts-1) until <see cref="MaxAttempts"/>.</summary>
    public void AttemptFailed(string error, DateTimeOffset now, TimeSpan? baseDelay = null)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        if (Attempts >= MaxAttempts)
        {
            Status = WebhookDeliveryStatus.Failed;
            return;
        }
        var delay = (baseDelay ?? TimeSpan.FromSeconds(30)) * Math.Pow(4, Attempts - 1);
        NextAttemptAt = now + delay;
    }
}
